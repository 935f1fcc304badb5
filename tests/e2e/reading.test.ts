/**
 * Reading comfort (issue 14, part 2, and the layout-shift half of part 5), in Chromium at 375 px and 1280 px: wide
 * tables scroll sideways with readable columns, code is 14 px or more without ligatures, anything that scrolls shows a
 * cue at the edge with more to see, callouts have an icon and a tint of their own, the contents mark the section being
 * read, the cover leaves the first paragraph in view, heading anchors wait for hover or focus, the phone header is one
 * row, the search page has one search box, and no page moves once painted (CLS 0), even when the web fonts arrive late.
 * One small site of the posts in tests/fixtures/reading/, built under a base path.
 */
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../scripts/serve';
import {
	describeViolations,
	desktop,
	launchBrowser,
	luminance,
	noHorizontalScroll,
	openPage,
	phone,
	press,
	runAxe,
	saveScreenshot,
	SCREENSHOT_DIR,
	serveSite,
	settle,
	type WatchedPage
} from '../helpers/browser';
import { buildSmallSite, type SmallSite } from '../helpers/small-site';

const FIXTURES = ['doc-de-dang.md', 'ghi-chu-ngan.md', 'bang-can-le.md', 'bia-doc.png'].map(
	(f) => `tests/fixtures/reading/${f}`
);
const BASE = '/ghi-chep';
const POST = '/posts/doc-de-dang/';
const PAGES = {
	home: '/',
	post: POST,
	categories: '/categories/',
	category: '/categories/bai-tap/',
	search: '/search/'
} as const;
const THEMES = ['light', 'dark'] as const;
const wide: BrowserContextOptions = { ...desktop, viewport: { width: 1280, height: 800 } };
const DEVICES = { phone, desktop: wide } as const;

let site: SmallSite;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
	site = await buildSmallSite('reading', FIXTURES, { BASE_PATH: BASE });
	if (site.code !== 0) throw new Error(`the reading test site did not build:\n${site.output.slice(-3000)}`);
	[browser, server] = await Promise.all([launchBrowser(), serveSite(site)]);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	site?.remove();
});

const at = (path: string) => new URL(path.slice(1), server.url).href;

/** Opens `path` with web fonts and images loaded. */
async function visit(path: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
	const w = await openPage(browser, options);
	await w.page.goto(at(path));
	await settle(w.page);
	return w;
}

async function done(w: WatchedPage) {
	expect(w.problems(), 'console errors or failed requests').toEqual([]);
	await w.close();
}

/** WCAG contrast ratio of two relative luminances. */
const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The median luminance of a 3 px strip just inside the left or right edge of a scrolling box, read from a screenshot:
 * where the scroll cue's shadow shows, it differs from the box's background.
 */
async function edgeLuminance(page: Page, box: Locator, side: 'left' | 'right'): Promise<number> {
	const r = await box.evaluate((el) => {
		const rect = el.getBoundingClientRect();
		return { x: rect.left + el.clientLeft, y: rect.top + el.clientTop, w: el.clientWidth, h: el.clientHeight };
	});
	const clip = { x: side === 'left' ? r.x + 2 : r.x + r.w - 5, y: r.y + 2, width: 3, height: r.h - 4 };
	const { data, info } = await sharp(await page.screenshot({ clip }))
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	const values: number[] = [];
	for (let i = 0; i < data.length; i += info.channels)
		values.push(luminance(`rgb(${data[i]}, ${data[i + 1]}, ${data[i + 2]})`));
	values.sort((a, b) => a - b);
	return values[Math.floor(values.length / 2)];
}

/** The cue at each edge of a box that scrolls sideways, at its start and at its end, as contrast with its background. */
async function scrollCues(page: Page, box: Locator, background: string) {
	await box.scrollIntoViewIfNeeded();
	const bg = luminance(background);
	const cue = async () => ({
		left: ratio(await edgeLuminance(page, box, 'left'), bg),
		right: ratio(await edgeLuminance(page, box, 'right'), bg)
	});
	await box.evaluate((el) => (el.scrollLeft = 0));
	const start = await cue();
	await box.evaluate((el) => (el.scrollLeft = el.scrollWidth));
	const end = await cue();
	await box.evaluate((el) => (el.scrollLeft = 0));
	return { start, end };
}

describe('wide tables', () => {
	for (const theme of THEMES) {
		it(`scroll sideways on a 375 px phone with readable columns, one-line math and an edge cue (${theme})`, async () => {
			const w = await visit(POST, { ...phone, colorScheme: theme });
			const { page } = w;
			const table = page.locator('.prose table').first();
			const facts = await table.evaluate((t) => ({
				scroll: t.scrollWidth,
				client: t.clientWidth,
				cells: [...t.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().width),
				rows: [...t.querySelectorAll('tr')].map((r) => r.getBoundingClientRect().height),
				math: [...t.querySelectorAll('td .katex')].map((k) => ({
					text: k.querySelector('annotation')?.textContent ?? '',
					lines: k.getClientRects().length
				}))
			}));
			expect(facts.scroll, 'the table scrolls inside its own box').toBeGreaterThan(facts.client);
			expect(Math.min(...facts.cells), 'narrowest cell (px)').toBeGreaterThanOrEqual(100);
			// Before: one word per line, a row 351 px tall.
			expect(Math.max(...facts.rows), 'tallest row (px)').toBeLessThan(200);
			expect(facts.math.map((m) => m.text)).toContain('2(N - 1)');
			for (const m of facts.math) expect(m.lines, `lines of the formula ${m.text}`).toBe(1);
			expect(await noHorizontalScroll(page), 'the page itself does not scroll sideways').toBe(true);
			// Three columns fit a phone: that table does not scroll.
			const narrow = await page
				.locator('.prose table')
				.nth(1)
				.evaluate((t) => ({ scroll: t.scrollWidth, client: t.clientWidth, columns: t.querySelectorAll('th').length }));
			expect(narrow.columns).toBe(3);
			expect(narrow.scroll, 'a three-column table fits').toBeLessThanOrEqual(narrow.client);
			// A keyboard can scroll it too (the script makes an overflowing table focusable).
			expect(await table.getAttribute('tabindex')).toBe('0');

			const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
			const { start, end } = await scrollCues(page, table, background);
			expect(start.right, 'shadow at the right edge while more columns lie there').toBeGreaterThan(1.2);
			expect(start.left, 'no shadow at the left edge at the start').toBeLessThan(1.06);
			expect(end.right, 'no shadow at the right edge at the end').toBeLessThan(1.06);
			expect(end.left, 'shadow at the left edge at the end').toBeGreaterThan(1.2);
			await saveScreenshot(page, `reading-table-phone-${theme}`);
			await done(w);
		});
	}

	it('fit a 1280 px screen without scrolling when their columns fit', async () => {
		const w = await visit(POST, wide);
		const facts = await w.page
			.locator('.prose table')
			.first()
			.evaluate((t) => ({ scroll: t.scrollWidth, client: t.clientWidth, tabindex: t.getAttribute('tabindex') }));
		expect(facts.scroll).toBeLessThanOrEqual(facts.client);
		expect(facts.tabindex, 'no tab stop on a table that does not scroll').toBeNull();
		await done(w);
	});
});

describe('code', () => {
	for (const [device, options] of Object.entries(DEVICES)) {
		for (const theme of THEMES) {
			it(`is 14 px or more, without ligatures, and a long line shows a cue (${device}, ${theme})`, async () => {
				const w = await visit(POST, { ...options, colorScheme: theme });
				const { page } = w;
				const styles = await page.evaluate(() =>
					[...document.querySelectorAll('.prose pre code, .prose :not(pre) > code')].map((el) => {
						const s = getComputedStyle(el);
						return {
							text: (el.textContent ?? '').slice(0, 20),
							size: parseFloat(s.fontSize),
							ligatures: s.fontVariantLigatures,
							features: s.fontFeatureSettings
						};
					})
				);
				expect(styles.length).toBeGreaterThanOrEqual(3);
				for (const s of styles) {
					expect(s.size, `font size of “${s.text}”`).toBeGreaterThanOrEqual(14);
					expect(s.ligatures, `ligatures of “${s.text}”`).toBe('none');
					expect(s.features, `features of “${s.text}”`).toMatch(/"liga" 0/);
					expect(s.features, `features of “${s.text}”`).toMatch(/"calt" 0/);
				}

				const pre = page.locator('.code-block pre', { hasText: 'bauChon' });
				const { scroll, client, bg } = await pre.evaluate((el) => ({
					scroll: el.scrollWidth,
					client: el.clientWidth,
					bg: getComputedStyle(el).backgroundColor
				}));
				expect(scroll, 'the long line scrolls').toBeGreaterThan(client);
				const { start, end } = await scrollCues(page, pre, bg);
				expect(start.right, 'shadow at the right edge while the line goes on').toBeGreaterThan(1.2);
				expect(end.right, 'no shadow at the right edge at the end of the line').toBeLessThan(1.06);
				expect(end.left, 'shadow at the left edge once scrolled').toBeGreaterThan(1.2);
				// A block that does not scroll shows no cue.
				const short = page.locator('.code-block pre', { hasText: 'x++' });
				const shortBg = await short.evaluate((el) => getComputedStyle(el).backgroundColor);
				const still = await scrollCues(page, short, shortBg);
				expect(Math.max(still.start.left, still.start.right), 'cue on a block that fits').toBeLessThan(1.06);
				await done(w);
			});
		}
	}
});

describe('callouts', () => {
	for (const [device, options] of Object.entries(DEVICES)) {
		for (const theme of THEMES) {
			it(`have an icon and a tint per kind, with text at 4.5:1 (${device}, ${theme})`, async () => {
				const w = await visit(POST, { ...options, colorScheme: theme });
				const { page } = w;
				const callouts = await page.locator('.prose aside.callout').evaluateAll((asides) =>
					asides.map((a) => {
						const title = a.querySelector('.callout-title')!;
						const icon = getComputedStyle(title, '::before');
						const body = a.querySelector('.callout-title + p')!;
						return {
							kind: [...a.classList].find((c) => c.startsWith('callout-'))!,
							background: getComputedStyle(a).backgroundColor,
							title: getComputedStyle(title).color,
							text: getComputedStyle(body).color,
							icon: {
								mask: icon.maskImage,
								width: parseFloat(icon.width),
								height: parseFloat(icon.height),
								color: icon.backgroundColor
							}
						};
					})
				);
				const kinds = ['callout-note', 'callout-tip', 'callout-important', 'callout-warning', 'callout-danger'];
				// The Callout component and GitHub's syntax, each of the five kinds.
				expect(callouts.map((c) => c.kind)).toEqual([...kinds, ...kinds]);
				const page_bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
				for (const c of callouts) {
					expect(c.icon.mask, `icon of ${c.kind}`).toMatch(/^url\("data:image\/svg\+xml/);
					expect(c.icon.width, `icon width of ${c.kind}`).toBeGreaterThanOrEqual(16);
					expect(c.icon.height, `icon height of ${c.kind}`).toBeGreaterThanOrEqual(16);
					expect(c.icon.color, `icon colour of ${c.kind}`).toBe(c.title);
					expect(c.background, `tint of ${c.kind}`).not.toBe(page_bg);
					const bg = luminance(c.background);
					expect(ratio(luminance(c.title), bg), `title contrast of ${c.kind}`).toBeGreaterThanOrEqual(4.5);
					expect(ratio(luminance(c.text), bg), `text contrast of ${c.kind}`).toBeGreaterThanOrEqual(4.5);
				}
				const first = callouts.slice(0, 5);
				expect(new Set(first.map((c) => c.background)).size, 'five distinct tints').toBe(5);
				expect(new Set(first.map((c) => c.icon.mask)).size, 'five distinct icons').toBe(5);
				// Both syntaxes draw the same kind alike.
				expect(callouts.slice(5).map((c) => [c.background, c.icon.mask])).toEqual(
					first.map((c) => [c.background, c.icon.mask])
				);
				// The icons are data: masks, which the page's Content Security Policy allows as images.
				const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
				expect(policy).toMatch(/img-src [^;]*data:/);
				await page.locator('.prose aside.callout').first().scrollIntoViewIfNeeded();
				await saveScreenshot(page, `reading-post-${device}-${theme}`);
				await done(w);
			});
		}
	}
});

describe('table of contents', () => {
	it('marks the section being read, and follows the reader', async () => {
		const w = await visit(POST, { ...wide, colorScheme: 'light' });
		const { page } = w;
		const marked = () =>
			page.locator('.toc a[aria-current]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		for (const id of [
			'ma-nguon-co-dong-dai',
			'hop-ghi-chu',
			'muc-con-cuoi-cung',
			'bang-so-sanh-cac-thuat-toan-bau-chon'
		]) {
			await page.evaluate((id) => {
				const top = document.getElementById(id)!.getBoundingClientRect().top + scrollY;
				scrollTo(0, top - 16);
			}, id);
			await expect.poll(marked, { message: `contents entry marked at #${id}` }).toEqual([`#${id}`]);
			expect(await page.locator(`.toc a[href="#${id}"]`).getAttribute('aria-current')).toBe('true');
		}
		// Back at the top, above the first heading, nothing is marked.
		await page.evaluate(() => scrollTo(0, 0));
		await expect.poll(marked).toEqual([]);
		await done(w);
	});

	for (const theme of THEMES) {
		it(`shows the marked entry in the accent colour, readable (${theme})`, async () => {
			const w = await visit(POST, { ...wide, colorScheme: theme });
			const { page } = w;
			await page.evaluate(() => document.getElementById('hop-ghi-chu')!.scrollIntoView());
			const current = page.locator('.toc a[aria-current="true"]');
			await current.waitFor();
			const look = (a: Locator) =>
				a.evaluate((el) => {
					const s = getComputedStyle(el);
					return { color: s.color, background: s.backgroundColor, bar: s.boxShadow };
				});
			const on = await look(current);
			const off = await look(page.locator('.toc a:not([aria-current])').first());
			expect(on.color).not.toBe(off.color);
			expect(on.bar, 'a bar beside the marked entry').toMatch(/inset/);
			expect(ratio(luminance(on.color), luminance(on.background))).toBeGreaterThanOrEqual(4.5);
			await saveScreenshot(page, `reading-toc-desktop-${theme}`);
			await done(w);
		});
	}

	it('on a phone, starts folded with a marker that turns when it opens', async () => {
		const w = await visit(POST, { ...phone, colorScheme: 'light' });
		const { page } = w;
		const toc = page.locator('details.toc');
		const marker = () =>
			toc.locator('summary').evaluate((s) => {
				const m = getComputedStyle(s, '::before');
				return {
					content: m.content,
					width: parseFloat(m.width),
					height: parseFloat(m.height),
					border: m.borderRightColor,
					transform: m.transform
				};
			});
		expect(await toc.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
		const folded = await marker();
		expect(folded.content).not.toBe('none');
		expect(folded.width).toBeGreaterThanOrEqual(6);
		expect(folded.height).toBeGreaterThanOrEqual(6);
		const tocBg = await toc.evaluate((d) => getComputedStyle(d).backgroundColor);
		expect(ratio(luminance(folded.border), luminance(tocBg)), 'marker contrast').toBeGreaterThanOrEqual(3);
		await press(page, toc.locator('summary'));
		await expect.poll(() => toc.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
		await expect.poll(async () => (await marker()).transform).not.toBe(folded.transform);
		await done(w);
	});
});

describe('post header', () => {
	for (const theme of THEMES) {
		it(`at 1280 × 800, shows the first paragraph under the cover without scrolling (${theme})`, async () => {
			const w = await visit(POST, { ...wide, colorScheme: theme });
			const { page } = w;
			const facts = await page.evaluate(() => {
				const cover = document.querySelector('img.post-cover') as HTMLImageElement;
				const first = document.querySelector('.prose > p')!;
				return {
					loaded: cover.complete && cover.naturalWidth > 0,
					fit: getComputedStyle(cover).objectFit,
					cover: cover.getBoundingClientRect().height,
					top: first.getBoundingClientRect().top
				};
			});
			expect(facts.loaded, 'the cover loaded').toBe(true);
			expect(facts.fit).toBe('cover');
			expect(facts.cover).toBeLessThanOrEqual(0.4 * 800 + 1);
			expect(facts.top, 'top of the first paragraph (px)').toBeLessThan(800);
			await saveScreenshot(page, `reading-header-desktop-${theme}`);
			await done(w);
		});
	}

	it('reserves the cover’s box before the picture arrives', async () => {
		const w = await openPage(browser, wide);
		const { page } = w;
		let release = () => {};
		const held = new Promise<void>((r) => (release = r));
		await page.route(/bia-doc/, async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(at(POST), { waitUntil: 'domcontentloaded' });
		const height = () => page.locator('img.post-cover').evaluate((img) => img.getBoundingClientRect().height);
		const before = await height();
		release();
		await settle(page);
		expect(before).toBeGreaterThan(100);
		expect(await height()).toBe(before);
		await done(w);
	});
});

describe('heading anchors', () => {
	it('stay hidden until the heading is hovered or the anchor has focus', async () => {
		const w = await visit(POST, wide);
		const { page } = w;
		const opacity = (a: Locator) => a.evaluate((el) => getComputedStyle(el).opacity);
		const anchors = page.locator('.prose a.heading-anchor');
		expect(await anchors.count()).toBeGreaterThanOrEqual(5);
		expect(new Set(await anchors.evaluateAll((as) => as.map((a) => getComputedStyle(a).opacity)))).toEqual(
			new Set(['0'])
		);
		const heading = page.locator('#hop-ghi-chu');
		await heading.hover();
		await expect.poll(() => opacity(heading.locator('.heading-anchor'))).toBe('1');
		await page.mouse.move(1270, 5);
		await expect.poll(() => opacity(heading.locator('.heading-anchor'))).toBe('0');
		// From the keyboard: Tab from the last entry of the contents (beside the post) into the post's first heading.
		await page.locator('.toc a').last().focus();
		let focused: string | null = null;
		for (let i = 0; i < 5 && !focused; i++) {
			await page.keyboard.press('Tab');
			focused = await page.evaluate(() =>
				document.activeElement?.classList.contains('heading-anchor')
					? document.activeElement.getAttribute('href')
					: null
			);
		}
		expect(focused, 'an anchor reached with Tab').not.toBeNull();
		await expect.poll(() => opacity(page.locator(`.heading-anchor[href="${focused}"]`))).toBe('1');
		await done(w);
	});

	it('never wrap onto a line of their own, at any width from 320 px to 1280 px', async () => {
		const w = await visit(POST, phone);
		const { page } = w;
		const lines = () =>
			page.locator('.prose a.heading-anchor').evaluateAll((anchors) =>
				anchors.map((a) => {
					const heading = a.parentElement!;
					const text = [...heading.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).pop()!;
					const range = document.createRange();
					range.setStart(text, (text.textContent ?? '').length - 1);
					range.setEnd(text, (text.textContent ?? '').length);
					const last = range.getBoundingClientRect();
					const rects = [...a.getClientRects()];
					return {
						heading: heading.id,
						fragments: rects.length,
						// Vertical middles of the last letter and of the anchor: the same line when they are close.
						gap: Math.abs((last.top + last.bottom) / 2 - (rects[0].top + rects[0].bottom) / 2),
						lineHeight: parseFloat(getComputedStyle(heading).lineHeight),
						after: rects[0].left >= last.right - 0.5,
						lines: Math.round(heading.getBoundingClientRect().height / parseFloat(getComputedStyle(heading).lineHeight))
					};
				})
			);
		// Every few pixels, so that at some width the last line of each heading is nearly full: an anchor that could
		// wrap alone would then do so (it did before, as a 44 px box on phones).
		let wrapped = 0;
		for (let width = 320; width <= 1280; width += width < 800 ? 4 : 40) {
			await page.setViewportSize({ width, height: 812 });
			for (const l of await lines()) {
				const where = `#${l.heading} at ${width} px`;
				expect(l.fragments, where).toBe(1);
				expect(l.gap, `${where}: anchor on the line of the last word`).toBeLessThan(l.lineHeight / 2);
				expect(l.after, `${where}: anchor after the last word`).toBe(true);
				if (l.lines > 1) wrapped++;
			}
		}
		expect(wrapped, 'headings seen on more than one line').toBeGreaterThan(20);
		await done(w);
	});
});

describe('site header', () => {
	for (const theme of THEMES) {
		it(`is one row of 64 px or less on a 375 px phone, with 44 px targets (${theme})`, async () => {
			const w = await openPage(browser, { ...phone, colorScheme: theme });
			const { page } = w;
			for (const path of Object.values(PAGES)) {
				await page.goto(at(path));
				await settle(page);
				const header = await page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height);
				expect(header, `header height on ${path}`).toBeLessThanOrEqual(64);
				const targets: { what: string; width: number; height: number }[] = [];
				for (const el of await page.locator('.site-header').locator('a, summary, button, input').all()) {
					if (!(await el.isVisible())) continue;
					const box = (await el.boundingBox())!;
					targets.push({ what: await el.evaluate((e) => e.outerHTML.slice(0, 60)), ...box });
				}
				expect(targets.length).toBeGreaterThanOrEqual(3);
				for (const t of targets) {
					expect(t.height, `${t.what} on ${path}`).toBeGreaterThanOrEqual(44);
					expect(t.width, `${t.what} on ${path}`).toBeGreaterThanOrEqual(44);
				}
				expect(await noHorizontalScroll(page), `no sideways scroll on ${path}`).toBe(true);
			}
			await done(w);
		});
	}

	it('on a phone, opens the menu, lists every page and closes it again', async () => {
		const w = await visit(POST, { ...phone, colorScheme: 'light' });
		const { page } = w;
		const menu = page.locator('details.nav-menu');
		const links = menu.locator('a');
		expect(await links.first().isVisible()).toBe(false);
		await press(page, menu.locator('summary'));
		await expect.poll(() => links.first().isVisible()).toBe(true);
		expect(await links.allInnerTexts()).toEqual(expect.arrayContaining(['Bài viết', 'Chủ đề', 'Tìm kiếm']));
		await saveScreenshot(page, 'reading-menu-phone-light');
		await page.keyboard.press('Escape');
		await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
		// The search link leads to the search page, under the base path.
		expect(await page.locator('.site-header a.search-link').getAttribute('href')).toBe(`${BASE}/search/`);
		await done(w);
	});

	it('works without JavaScript on a phone: the menu still opens, the header stays one row', async () => {
		const w = await visit(POST, { ...phone, javaScriptEnabled: false });
		const { page } = w;
		expect(await page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height)).toBeLessThanOrEqual(
			64
		);
		expect(await page.locator('.site-header a.search-link').isVisible()).toBe(true);
		await page.locator('details.nav-menu summary').tap();
		await expect.poll(() => page.locator('details.nav-menu a').first().isVisible()).toBe(true);
		await done(w);
	});

	for (const [device, options] of Object.entries(DEVICES)) {
		it(`shows one search box on the search page, and one way to search elsewhere (${device})`, async () => {
			const w = await openPage(browser, options);
			const { page } = w;
			for (const path of ['/search/', '/search/?q=bau+chon']) {
				await page.goto(at(path));
				expect(await page.locator('input[type="search"]').count(), `search inputs on ${path}`).toBe(1);
				expect(await page.locator('form[role="search"]').count(), `search forms on ${path}`).toBe(1);
				expect(await page.locator('.site-header a.search-link').count(), `search link on ${path}`).toBe(0);
			}
			await page.locator('[data-search-results] li').first().waitFor();
			await settle(page);
			await saveScreenshot(page, `reading-search-${device}`);
			await page.goto(at(POST));
			const form = await page.locator('.site-header form.search-form').isVisible();
			const link = await page.locator('.site-header a.search-link').isVisible();
			expect([form, link], 'header search form, search link').toEqual(
				device === 'phone' ? [false, true] : [true, false]
			);
			await done(w);
		});
	}
});

interface Shifts {
	cls: number;
	sources: string[];
	paint: number;
	fonts: number;
}

/**
 * Cumulative layout shift of a first visit at 375 px, cache disabled, once `ready` (a selector) shows; `slowFonts` holds
 * the text fonts back 800 ms, so the page is painted in the fallback faces first.
 */
async function layoutShift(path: string, { slowFonts = false, ready = '' } = {}): Promise<Shifts> {
	const w = await openPage(browser, phone);
	const { page } = w;
	const cdp = await w.context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	if (slowFonts)
		await page.route(/be-vietnam-pro[^/]*\.woff2?$/, async (route) => {
			await new Promise((r) => setTimeout(r, 800));
			await route.continue();
		});
	await page.addInitScript(() => {
		const w = window as unknown as { shifts: Shifts };
		w.shifts = { cls: 0, sources: [], paint: 0, fonts: 0 };
		new PerformanceObserver((list) => {
			for (const e of list.getEntries() as unknown as {
				value: number;
				hadRecentInput: boolean;
				sources: { node?: Node }[];
			}[]) {
				if (e.hadRecentInput) continue;
				w.shifts.cls += e.value;
				w.shifts.sources.push(
					`${e.value.toFixed(4)}: ${e.sources.map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 60) ?? s.node?.nodeName).join(', ')}`
				);
			}
		}).observe({ type: 'layout-shift', buffered: true });
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.shifts.paint = e.startTime;
		}).observe({ type: 'paint', buffered: true });
		document.fonts.addEventListener('loadingdone', () => (w.shifts.fonts = performance.now()));
	});
	await page.goto(at(path));
	if (ready) await page.locator(ready).first().waitFor();
	await settle(page);
	await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
	await page.waitForTimeout(300);
	const shifts = await page.evaluate(() => (window as unknown as { shifts: Shifts }).shifts);
	await done(w);
	return shifts;
}

describe('layout shift at 375 px, cache disabled', () => {
	for (const [name, path] of Object.entries(PAGES)) {
		it(`is 0 on ${name} (${path})`, async () => {
			const { cls, sources } = await layoutShift(path);
			expect(cls, sources.join('\n')).toBe(0);
		});
	}

	it('is 0 on the search page with results', async () => {
		const { cls, sources } = await layoutShift('/search/?q=bau+chon', { ready: '[data-search-results] li' });
		expect(cls, sources.join('\n')).toBe(0);
	});

	// The fallback faces are shaped like the web fonts, so a late swap moves next to nothing (before: 0.012 on home,
	// 0.023 on the post). Allowed: less than a thousandth, for a few pixels of difference within a line.
	for (const name of ['home', 'post', 'categories', 'category'] as const) {
		it(`stays under 0.001 on ${name} when the text fonts arrive after the first paint`, async () => {
			const { cls, sources, paint, fonts } = await layoutShift(PAGES[name], { slowFonts: true });
			expect(paint, 'painted before the fonts arrived').toBeLessThan(fonts);
			expect(cls, sources.join('\n')).toBeLessThan(0.001);
		});
	}
});

describe('accessibility of the pages this changes', () => {
	for (const [device, options] of Object.entries(DEVICES)) {
		for (const theme of THEMES) {
			it(`axe finds nothing serious (${device}, ${theme})`, async () => {
				const w = await openPage(browser, { ...options, colorScheme: theme });
				const { page } = w;
				const found: string[] = [];
				for (const path of [...Object.values(PAGES), '/search/?q=bau+chon']) {
					await page.goto(at(path));
					if (path.includes('?q=')) await page.locator('[data-search-results] li').first().waitFor();
					await settle(page);
					const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
					if (serious.length) found.push(`${path}:\n${describeViolations(serious)}`);
				}
				expect(found, found.join('\n')).toEqual([]);
				await done(w);
			});
		}
	}
});

/** Issue 25: one face for a page's Vietnamese, tables that keep their alignment, and the design points. */
const ALIGNED = '/posts/bang-can-le/';

/**
 * The font families Chromium drew each element with (`CSS.getPlatformFontsForNode`), on a cold first visit: a fresh
 * context with the cache disabled. `blockFonts` refuses every web font file, to see the fallback alone.
 */
async function facesOf(
	path: string,
	selectors: Record<string, string>,
	{ options = phone as BrowserContextOptions, blockFonts = false } = {}
): Promise<Record<string, string[]>> {
	const w = await openPage(browser, options);
	const { page } = w;
	const cdp = await w.context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	if (blockFonts) await page.route(/\.woff2?$/, (route) => route.abort());
	await page.goto(at(path));
	await page.evaluate(() => document.fonts.ready);
	await cdp.send('DOM.enable');
	await cdp.send('CSS.enable');
	const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
	const out: Record<string, string[]> = {};
	for (const [name, selector] of Object.entries(selectors)) {
		const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
		expect(nodeId, `${selector} on ${path}`).toBeTruthy();
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
		// One entry per @font-face file (Latin, Vietnamese): the families are what a reader sees.
		out[name] = [...new Set(fonts.map((f) => f.familyName))];
	}
	if (blockFonts) await page.unrouteAll({ behavior: 'ignoreErrors' });
	await w.close();
	return out;
}

/** The paragraph with stacked marks, its bold and italic, a code comment with accents, and inline code. */
const TYPE_NODES = {
	paragraph: '.prose > p',
	bold: '.prose > p strong',
	italic: '.prose > p em',
	title: 'h1',
	comment: '.code-block .line span:first-child'
};

describe('type (issue 25)', () => {
	for (const [device, options] of Object.entries(DEVICES)) {
		it(`draws a Vietnamese paragraph and a code comment each in its web font on a cold first visit (${device})`, async () => {
			// Before: "Liberation Sans, DejaVu Sans" for the paragraph (the marks of ồ, ầ from the second), or the web font
			// for the bold and the fallback for the rest; the comment in Liberation Mono and DejaVu Sans Mono.
			for (let visit = 0; visit < 3; visit++) {
				const faces = await facesOf(ALIGNED, TYPE_NODES, { options });
				expect(faces, `visit ${visit + 1}`).toEqual({
					paragraph: ['Be Vietnam Pro'],
					bold: ['Be Vietnam Pro'],
					italic: ['Be Vietnam Pro'],
					title: ['Be Vietnam Pro'],
					comment: ['JetBrains Mono']
				});
			}
		});
	}

	it('draws each element in one face even when no web font arrives (the fallbacks hold every Vietnamese letter)', async () => {
		const faces = await facesOf(ALIGNED, TYPE_NODES, { blockFonts: true });
		for (const [name, families] of Object.entries(faces)) expect(families, name).toHaveLength(1);
		expect(faces.paragraph).not.toEqual(['Be Vietnam Pro']);
	});

	it('preloads the font files a page draws with, and no others', async () => {
		const w = await visit(ALIGNED, wide);
		const preloads = await w.page
			.locator('link[rel="preload"][as="font"]')
			.evaluateAll((links) =>
				links.map((l) => `${new URL((l as HTMLLinkElement).href).pathname} ${l.getAttribute('crossorigin')}`)
			);
		const names = preloads.map((p) => p.replace(/^.*\/([a-z-]+?-(?:latin|vietnamese)-\d+-\w+)\.[^ ]*/, '$1'));
		expect(names.sort()).toEqual(
			[
				'be-vietnam-pro-latin-400-normal anonymous',
				'be-vietnam-pro-vietnamese-400-normal anonymous',
				'be-vietnam-pro-latin-700-normal anonymous',
				'be-vietnam-pro-vietnamese-700-normal anonymous',
				'be-vietnam-pro-latin-400-italic anonymous',
				'be-vietnam-pro-vietnamese-400-italic anonymous',
				'jetbrains-mono-latin-400-normal anonymous',
				'jetbrains-mono-vietnamese-400-normal anonymous'
			].sort()
		);
		// Each preloaded file is the one the page uses (one request each, none wasted).
		const fonts = w.requests.filter((u) => /\.woff2$/.test(u));
		expect(new Set(fonts).size).toBe(fonts.length);
		// JetBrains Mono's Vietnamese file (3.9 kB) too, which Vite would have inlined in the stylesheet (fonts.css).
		expect(fonts.length).toBe(8);
		await done(w);
		// A page without code or italic preloads the text faces only.
		const home = await visit('/', wide);
		expect(await home.page.locator('link[rel="preload"][as="font"]').count()).toBe(4);
		await done(home);
	});
});

describe('tables (issue 25)', () => {
	for (const [device, options] of Object.entries(DEVICES)) {
		for (const theme of THEMES) {
			it(`keep the GFM alignment of each column (${device}, ${theme})`, async () => {
				const w = await visit(ALIGNED, { ...options, colorScheme: theme });
				const align = await w.page
					.locator('.prose table')
					.first()
					.evaluate((t) =>
						[...(t as HTMLTableElement).rows].map((r) => [...r.cells].map((c) => getComputedStyle(c).textAlign))
					);
				for (const row of align) expect(row).toEqual(['left', 'center', 'right', 'start', 'start', 'right', 'start']);
				await w.page.locator('.prose table').first().scrollIntoViewIfNeeded();
				await saveScreenshot(w.page, `reading-aligned-table-${device}-${theme}`);
				await done(w);
			});
		}
	}

	it('at 1280 px, size columns to their content: seven short columns fit, a wide table fills the column and wraps', async () => {
		const w = await visit(ALIGNED, wide);
		const seven = await w.page
			.locator('.prose table')
			.first()
			.evaluate((t) => ({
				scroll: t.scrollWidth,
				client: t.clientWidth,
				minWidths: [...new Set([...t.querySelectorAll('td, th')].map((c) => getComputedStyle(c).minWidth))]
			}));
		expect(seven.minWidths, 'no minimum width per cell').toEqual(['0px']);
		expect(seven.scroll, 'the seven columns fit without scrolling').toBeLessThanOrEqual(seven.client);
		await w.page.goto(at(POST));
		const wideTable = await w.page.evaluate(() => {
			const t = document.querySelector('.prose table') as HTMLTableElement;
			return {
				scroll: t.scrollWidth,
				client: t.clientWidth,
				column: document.querySelector('.prose')!.getBoundingClientRect().width,
				inner: t.rows[0].getBoundingClientRect().width,
				rows: [...t.rows].map((r) => r.getBoundingClientRect().height)
			};
		});
		expect(wideTable.scroll, 'wraps before it scrolls').toBeLessThanOrEqual(wideTable.client);
		expect(Math.abs(wideTable.inner - wideTable.column), 'fills the column').toBeLessThan(2);
		expect(Math.max(...wideTable.rows.slice(1)), 'rows of two or three lines').toBeGreaterThan(40);
		await done(w);
	});

	it('print without splitting a word across lines', async () => {
		const w = await visit(ALIGNED, { viewport: { width: 690, height: 900 } });
		await w.page.emulateMedia({ media: 'print' });
		for (const path of [ALIGNED, POST]) {
			await w.page.goto(at(path));
			await w.page.evaluate(() => document.fonts.ready);
			const split = await w.page.evaluate(() => {
				const out: string[] = [];
				for (const cell of document.querySelectorAll('.prose td, .prose th')) {
					const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
					for (let n = walker.nextNode(); n; n = walker.nextNode()) {
						if (n.parentElement?.closest('.katex, code')) continue;
						const text = n.textContent ?? '';
						for (const m of text.matchAll(/\S+/g)) {
							const range = document.createRange();
							range.setStart(n, m.index!);
							range.setEnd(n, m.index! + m[0].length);
							const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
							if (tops.size > 1) out.push(m[0]);
						}
					}
				}
				return out;
			});
			expect(split, `words split in the tables of ${path}`).toEqual([]);
		}
		await done(w);
	});
});

describe('design (issue 25)', () => {
	for (const theme of THEMES) {
		it(`draws every icon of the phone header the same way, no text glyph (${theme})`, async () => {
			const w = await visit(POST, { ...phone, colorScheme: theme });
			const icons = await w.page.evaluate(() =>
				['.search-link', '.nav-menu summary', '.theme-toggle'].map((sel) => {
					const el = document.querySelector(sel)!;
					const icon = getComputedStyle(el, '::before');
					return {
						sel,
						// Visible text only: a label for screen readers is not a glyph on screen.
						text: [...el.childNodes]
							.filter((n) => !(n instanceof Element && n.classList.contains('visually-hidden')))
							.map((n) => n.textContent)
							.join('')
							.trim(),
						mask: icon.maskImage.startsWith('url("data:image/svg+xml'),
						size: [icon.width, icon.height],
						border: getComputedStyle(el).borderTopWidth,
						color: icon.backgroundColor
					};
				})
			);
			const [search] = icons;
			for (const i of icons) {
				expect(i.text, `${i.sel} text`).toBe('');
				expect(i.mask, `${i.sel} drawn by a mask`).toBe(true);
				expect(i.size, `${i.sel} icon size`).toEqual(search.size);
				expect(i.border, `${i.sel} border`).toBe(search.border);
				expect(i.color, `${i.sel} colour`).toBe(search.color);
			}
			await saveScreenshot(w.page, `reading-header-phone-${theme}`);
			await w.page
				.locator('.site-header')
				.screenshot({ path: join(SCREENSHOT_DIR, `reading-header-bar-phone-${theme}.png`) });
			await done(w);
		});
	}

	for (const [device, options] of Object.entries(DEVICES)) {
		for (const theme of THEMES) {
			it(`home: the chips filter by category, the call to action stands apart; no card repeats a pill (${device}, ${theme})`, async () => {
				const w = await visit('/', { ...options, colorScheme: theme });
				const { page } = w;
				const filters = await page
					.locator('.home-filters a')
					.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
				expect(filters.length).toBeGreaterThanOrEqual(2);
				for (const href of filters) expect(href).toMatch(/\/categories\//);
				const cta = page.locator('.home-ways .way-index');
				expect(await cta.getAttribute('href')).toBe(`${BASE}/muc-luc/`);
				expect(await cta.evaluate((a) => !!a.closest('.home-filters'))).toBe(false);
				const [ctaBox, filterBox] = [await cta.boundingBox(), await page.locator('.home-filters').boundingBox()];
				expect(ctaBox!.y + ctaBox!.height, 'the call to action above the filters, apart').toBeLessThanOrEqual(
					filterBox!.y
				);
				await saveScreenshot(page, `reading-home-${device}-${theme}`);
				// On a category's page no card shows that category; on any list no pill is on every card.
				for (const path of ['/', '/categories/bai-tap/']) {
					await page.goto(at(path));
					const pills = await page
						.locator('.post-card')
						.evaluateAll((cards) => cards.map((c) => [...c.querySelectorAll('.tags a')].map((a) => a.textContent)));
					expect(pills.length, path).toBeGreaterThanOrEqual(2);
					const everywhere = pills[0].filter((p) => pills.every((card) => card.includes(p)));
					expect(everywhere, `a pill on every card of ${path}`).toEqual([]);
					if (path.includes('bai-tap')) expect(pills.flat()).not.toContain('Bài tập');
				}
				await saveScreenshot(page, `reading-category-${device}-${theme}`);
				await done(w);
			});

			it(`keeps the footer at the bottom of a short page (${device}, ${theme})`, async () => {
				const w = await visit('/categories/', { ...options, colorScheme: theme });
				const { bottom, height, scroll } = await w.page.evaluate(() => ({
					bottom: document.querySelector('.site-footer')!.getBoundingClientRect().bottom,
					height: window.innerHeight,
					scroll: document.documentElement.scrollHeight
				}));
				expect(scroll, 'a short page').toBeLessThanOrEqual(height + 1);
				expect(Math.abs(bottom - height), 'footer bottom at the window bottom').toBeLessThan(1.5);
				await saveScreenshot(w.page, `reading-short-page-${device}-${theme}`);
				await done(w);
			});
		}
	}

	for (const theme of THEMES) {
		it(`on a 375 × 812 phone, starts the first paragraph of a post with a cover above 600 px (${theme})`, async () => {
			const w = await visit(POST, { ...phone, colorScheme: theme });
			const top = await w.page.evaluate(() => document.querySelector('.prose > p')!.getBoundingClientRect().top);
			expect(await w.page.locator('img.post-cover').count()).toBe(1);
			// Before: 709 px on the demo's post with a series, three lines of facts, its chips and cover.
			expect(top).toBeLessThan(600);
			await w.page.screenshot({ path: join(SCREENSHOT_DIR, `reading-post-first-screen-phone-${theme}.png`) });
			await done(w);
		});
	}

	it('lists the posts at /posts/, as the home page does', async () => {
		const w = await visit('/posts/', wide);
		const { page } = w;
		const listed = await page.locator('.post-card h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		await page.goto(at('/'));
		const home = await page.locator('.post-card h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(listed.length).toBe(3);
		expect(listed).toEqual(home);
		await done(w);
	});

	it('writes robots.txt under the sub-path with a note that crawlers do not read it there, and says so in the build', () => {
		const robots = readFileSync(join(site.dir, 'robots.txt'), 'utf8');
		expect(robots).toMatch(/^# This site is under \/ghi-chep\/, and crawlers read robots\.txt only at the root/);
		expect(robots).toContain('Sitemap: ');
		expect(site.output).toMatch(/note: robots\.txt is written at \/ghi-chep\/robots\.txt, where crawlers do not look/);
	});
});
