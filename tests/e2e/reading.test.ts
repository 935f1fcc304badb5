/**
 * Reading comfort (issue 14, part 2, and the layout-shift half of part 5), in Chromium at 375 px and 1280 px: wide
 * tables scroll sideways with readable columns, code is 14 px or more without ligatures, anything that scrolls shows a
 * cue at the edge with more to see, callouts have an icon and a tint of their own, the contents mark the section being
 * read, the cover leaves the first paragraph in view, heading anchors wait for hover or focus, the phone header is one
 * row, the search page has one search box, and no page moves once painted (CLS 0), even when the web fonts arrive late.
 * One small site of the posts in tests/fixtures/reading/, built under a base path.
 */
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
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
	serveSite,
	settle,
	type WatchedPage
} from '../helpers/browser';
import { buildSmallSite, type SmallSite } from '../helpers/small-site';

const FIXTURES = ['doc-de-dang.md', 'ghi-chu-ngan.md', 'bia-doc.png'].map((f) => `tests/fixtures/reading/${f}`);
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
