/**
 * Printing a post (issue 15, src/lib/styles/print.css): the post alone, light in any theme, code wrapped instead of
 * cut, external links followed by their address, and the post's address under its title. A small site of two fixture
 * posts under a base path, built once for this file; pages seen with print media at 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../scripts/serve';
import { desktop, launchBrowser, luminance, openPage, saveScreenshot, serveSite } from '../helpers/browser';
import { buildSmallSite, type SmallSite } from '../helpers/small-site';

const POST = 'posts/in-an/';
const ADDRESS = 'https://sv.github.io/ghi-chep/posts/in-an/';
let site: SmallSite;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
	site = await buildSmallSite('print', ['tests/fixtures/site/in-an.md', 'tests/fixtures/site/math.md'], {
		BASE_PATH: '/ghi-chep',
		SITE_URL: 'https://sv.github.io'
	});
	if (site.code !== 0) throw new Error(`the print test site did not build:\n${site.output.slice(-3000)}`);
	[browser, server] = await Promise.all([launchBrowser(), serveSite(site)]);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	site?.remove();
});

/** Opens the post as the screen shows it; `print()` then switches to print media. */
async function open(options: Parameters<typeof openPage>[1] = {}) {
	const w = await openPage(browser, { ...desktop, ...options });
	await w.page.goto(new URL(POST, server.url).href);
	await w.page.evaluate(() => document.fonts.ready);
	return { ...w, print: () => w.page.emulateMedia({ media: 'print' }) };
}

const colours = (page: Page) =>
	page.evaluate(() => {
		const body = getComputedStyle(document.body);
		const code = document.querySelector('.shiki span span');
		return {
			background: body.backgroundColor,
			text: body.color,
			code: code ? getComputedStyle(code).color : ''
		};
	});

describe('printing a post', () => {
	const chrome = {
		'site header': '.site-header',
		'search box': '.search-form',
		'contents box': '.toc',
		'theme toggle': '[data-theme-toggle]',
		'copy buttons': '.copy-code',
		'site footer': '.site-footer',
		'previous and next links': '.post-nav a',
		'skip link': '.skip-link',
		'heading anchors': '.heading-anchor'
	};

	it('prints the post alone: no header, search, contents, theme toggle, copy buttons, footer, neighbours or skip link', async () => {
		const w = await open();
		try {
			for (const [what, selector] of Object.entries(chrome)) {
				expect(await w.page.locator(selector).first().isVisible(), `${what} on screen`).toBe(true);
			}
			await w.print();
			const shown: string[] = [];
			for (const [what, selector] of Object.entries(chrome)) {
				for (const el of await w.page.locator(selector).all()) if (await el.isVisible()) shown.push(what);
			}
			expect(shown, 'visible on paper').toEqual([]);
			// The outer boxes themselves are display: none, not merely out of sight.
			const displays = await w.page.evaluate(() =>
				['.site-header', '.site-footer', '.toc', '.post-nav', '.copy-code', '.skip-link'].map(
					(s) => `${s} ${getComputedStyle(document.querySelector(s)!).display}`
				)
			);
			expect(displays).toEqual(
				['.site-header', '.site-footer', '.toc', '.post-nav', '.copy-code', '.skip-link'].map((s) => `${s} none`)
			);
			expect(await w.page.locator('.prose').isVisible()).toBe(true);
			expect(w.problems()).toEqual([]);
		} finally {
			await w.close();
		}
	});

	it('wraps a long code line instead of cutting it off', async () => {
		const w = await open();
		try {
			const measure = () =>
				w.page.evaluate(() => {
					const pre = [...document.querySelectorAll('.prose pre')].find((p) => p.textContent?.includes('print('))!;
					const style = getComputedStyle(pre);
					return {
						whiteSpace: style.whiteSpace,
						overflowWrap: style.overflowWrap,
						scroll: pre.scrollWidth,
						client: pre.clientWidth
					};
				});
			const screen = await measure();
			expect(screen.scroll, 'the fixture line is wider than the screen column').toBeGreaterThan(screen.client);
			await w.print();
			const paper = await measure();
			expect(paper).toMatchObject({ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' });
			expect(paper.scroll).toBeLessThanOrEqual(paper.client);
		} finally {
			await w.close();
		}
	});

	it('keeps code, tables, callouts and display math whole, and headings with what follows', async () => {
		const w = await open();
		try {
			await w.print();
			const breaks = await w.page.evaluate(() => ({
				inside: ['.code-block', '.prose table', '.callout', '.katex-display'].map(
					(s) => `${s} ${getComputedStyle(document.querySelector(s)!).breakInside}`
				),
				after: getComputedStyle(document.querySelector('.prose h2')!).breakAfter
			}));
			expect(breaks.inside).toEqual(
				['.code-block', '.prose table', '.callout', '.katex-display'].map((s) => `${s} avoid`)
			);
			expect(breaks.after).toBe('avoid');
		} finally {
			await w.close();
		}
	});

	it('writes the address of an external link after it, unless its text already is the address', async () => {
		const w = await open();
		try {
			await w.print();
			const after = await w.page.evaluate(() =>
				[...document.querySelectorAll<HTMLAnchorElement>('.prose a[href^="http"]')].map((a) => ({
					href: a.getAttribute('href')!,
					text: a.textContent!.trim(),
					after: getComputedStyle(a, '::after').content
				}))
			);
			const named = after.find((a) => a.text === 'Time, Clocks, and the Ordering of Events');
			const bare = after.find((a) => a.text === a.href);
			expect(named?.after).toContain('https://lamport.azurewebsites.net/pubs/time-clocks.pdf');
			expect(bare?.href).toBe('https://vi.wikipedia.org/wiki/Lamport_timestamp');
			expect(bare?.after).toBe('none');
		} finally {
			await w.close();
		}
	});

	for (const [theme, options] of [
		['the dark theme chosen with the toggle', { colorScheme: 'light' }],
		['a system that asks for dark', { colorScheme: 'dark' }]
	] as const) {
		it(`prints light colours in ${theme}`, async () => {
			const w = await open(options);
			try {
				if (options.colorScheme === 'light') {
					await w.page.locator('[data-theme-toggle]').click();
					expect(await w.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
				}
				const screen = await colours(w.page);
				expect(luminance(screen.background), 'dark on screen').toBeLessThan(0.1);
				await w.print();
				const paper = await colours(w.page);
				expect(luminance(paper.background), `background ${paper.background}`).toBeGreaterThan(0.9);
				expect(luminance(paper.text), `text ${paper.text}`).toBeLessThan(0.05);
				expect(luminance(paper.code), `code ${paper.code}`).toBeLessThan(0.2);
			} finally {
				await w.close();
			}
		});
	}

	it('keeps the title, date and author, and shows the post’s address under them on paper only', async () => {
		const w = await open();
		try {
			const line = w.page.locator('.print-url');
			expect(await line.isVisible(), 'on screen').toBe(false);
			await w.print();
			expect(await line.isVisible(), 'on paper').toBe(true);
			expect(await line.innerText()).toBe(`Địa chỉ: ${ADDRESS}`);
			expect(await line.locator('a').getAttribute('href')).toBe(ADDRESS);
			expect(await w.page.locator('.post-header h1').innerText()).toBe('Đồng hồ Lamport: bản in thử');
			const meta = await w.page.locator('.post-header .meta').innerText();
			expect(meta).toContain('5 tháng 4, 2025');
			expect(meta).toContain('Nhóm 3 — HTPT');
			// pdf is off in this build: no link to a PDF that was not written.
			expect(await w.page.locator('.pdf-link').count()).toBe(0);
			await saveScreenshot(w.page, 'print-in-an');
		} finally {
			await w.close();
		}
	});
});
