/**
 * A reader's walk through the demo site in a real session.browser, on a desktop and on a 375 px phone: links between pages,
 * the table of contents, the 404 page, the theme toggle and the copy buttons. Every test also checks that the page
 * logged no error, that no request to the site failed, and (on home, post and category pages) that no JavaScript
 * file was loaded: those pages carry inline scripts only.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
	devices,
	luminance,
	noHorizontalScroll,
	openPage,
	overflowing,
	press,
	type DeviceName,
	type WatchedPage,
	type WatchOptions,
	browseSite,
	serveSite
} from '../helpers/browser';
import { site } from '../helpers/sites';

const demo = site('demo');
const CODE_POST = 'tien-trinh-va-luong';
const session = browseSite(demo);

const at = (path: string) => new URL(path.replace(/^\//, ''), session.server.url).href;
const pathOf = (page: Page) => new URL(page.url()).pathname;

/** No console error, no failed request to the site; with `noScripts`, no .js file either. */
function expectClean(w: WatchedPage, { noScripts = true } = {}) {
	expect(w.problems(), 'console errors or failed requests').toEqual([]);
	if (noScripts) expect(w.scriptRequests(), 'JavaScript files requested').toEqual([]);
}

/** Post paths in listing order, newest first, across every listing page. */
async function postOrder(page: Page): Promise<string[]> {
	const order: string[] = [];
	let next: string | null = at('/');
	while (next) {
		await page.goto(next);
		order.push(
			...(await page
				.locator('.post-card h2 a')
				.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)))
		);
		const link = page.locator('.pagination a[rel="next"]');
		next = (await link.count()) ? new URL((await link.getAttribute('href'))!, page.url()).href : null;
	}
	return order;
}

const themeOf = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme ?? null);
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
/** Computed colour of the first highlighted token that has a dark variant. */
const tokenColor = (page: Page) =>
	page
		.locator('.shiki span[style*="--shiki-dark"]')
		.first()
		.evaluate((el) => getComputedStyle(el).color);

describe.each(Object.keys(devices) as DeviceName[])('demo site on a %s', (device) => {
	const open = (options: WatchOptions = {}) => openPage(session.browser, { ...devices[device], ...options });

	it('goes home → post → category → back to the post', async () => {
		const w = await open();
		const { page } = w;
		await page.goto(at('/'));
		const first = page.locator('.post-card h2 a').first();
		const title = (await first.innerText()).trim();
		const href = new URL((await first.getAttribute('href'))!, page.url()).pathname;
		expect(title).not.toBe('');

		await press(page, first);
		await page.waitForURL((u) => u.pathname === href);
		await expect.poll(() => page.locator('h1').innerText()).toBe(title);

		const tag = page.locator('.post-header .tags a').first();
		const category = (await tag.innerText()).trim();
		await press(page, tag);
		await page.waitForURL((u) => u.pathname.includes('/categories/'));
		expect(await page.locator('h1').innerText()).toBe(`Chủ đề: ${category}`);
		const listed = await page
			.locator('.post-card h2 a')
			.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		expect(listed).toContain(href);

		await page.goBack();
		await page.waitForURL((u) => u.pathname === href);
		expect(await page.locator('h1').innerText()).toBe(title);
		expectClean(w);
		await w.close();
	});

	it('lists every post on the home page, or links to the next listing page', async () => {
		const w = await open();
		const { page } = w;
		const order = await postOrder(page);
		await page.goto(at('/'));
		const next = page.locator('.pagination a[rel="next"]');
		if (await next.count()) {
			await press(page, next);
			await page.waitForURL((u) => u.pathname.endsWith('/page/2/'));
			expect(await page.locator('h1').innerText()).toContain('trang 2');
		} else {
			// One page: all posts are on it, and the ways in at its top lead to the course index.
			expect(await page.locator('.post-card').count()).toBe(order.length);
			expect(order.length).toBeGreaterThan(0);
			await press(page, page.locator('.home-ways a[href$="/muc-luc/"]'));
			await page.waitForURL((u) => u.pathname.endsWith('/muc-luc/'));
		}
		expectClean(w);
		await w.close();
	});

	it('links each post of the demo series to the posts before and after it in the series', async () => {
		const w = await open();
		const { page } = w;
		// The demo's posts form one series; the course index lists it in assignment order.
		await page.goto(at('/muc-luc/'));
		const order = await page
			.locator('.course-list a')
			.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		expect(order.length).toBeGreaterThanOrEqual(3);
		for (const [i, path] of order.entries()) {
			await page.goto(at(path));
			const previous = page.locator('nav.post-nav a[rel="prev"]');
			const next = page.locator('nav.post-nav a[rel="next"]');
			expect(await previous.count(), `previous link on ${path}`).toBe(i > 0 ? 1 : 0);
			expect(await next.count(), `next link on ${path}`).toBe(i < order.length - 1 ? 1 : 0);
		}
		// Follow both links from a post in the middle.
		const middle = order[1];
		for (const [rel, target] of [
			['prev', order[0]],
			['next', order[2]]
		] as const) {
			await page.goto(at(middle));
			const link = page.locator(`nav.post-nav a[rel="${rel}"]`);
			const linkText = await link.innerText();
			await press(page, link);
			await page.waitForURL((u) => u.pathname === target);
			expect(linkText).toContain(await page.locator('h1').innerText());
		}
		expectClean(w);
		await w.close();
	});

	it('jumps to headings from the table of contents and from heading anchors', async () => {
		const w = await open();
		const { page } = w;
		await page.goto(at(`/posts/${CODE_POST}/`));
		const inView = (id: string) =>
			page.evaluate((id) => {
				const el = document.getElementById(id);
				if (!el) return false;
				const box = el.getBoundingClientRect();
				return box.top >= -1 && box.top < innerHeight && box.bottom > 0;
			}, id);

		// Phones start with the contents folded (the inline script closes it): open it as a reader would.
		const toc = page.locator('details.toc');
		if (!(await toc.evaluate((d) => (d as HTMLDetailsElement).open))) await press(page, toc.locator('summary'));
		const entries = page.locator('.toc a');
		expect(await entries.count()).toBeGreaterThan(1);
		const tocLink = entries.last();
		const tocHash = (await tocLink.getAttribute('href'))!;
		await press(page, tocLink);
		await expect.poll(() => page.evaluate(() => location.hash)).toBe(tocHash);
		await expect.poll(() => inView(decodeURIComponent(tocHash.slice(1)))).toBe(true);

		await page.evaluate(() => scrollTo(0, 0));
		const anchors = page.locator('a.heading-anchor');
		const anchor = anchors.nth(Math.floor((await anchors.count()) / 2));
		const anchorHash = (await anchor.getAttribute('href'))!;
		expect(anchorHash).not.toBe(tocHash);
		await press(page, anchor);
		await expect.poll(() => page.evaluate(() => location.hash)).toBe(anchorHash);
		await expect.poll(() => inView(decodeURIComponent(anchorHash.slice(1)))).toBe(true);
		// The anchor sits inside the heading it names.
		expect(await anchor.evaluate((a) => a.parentElement?.id)).toBe(decodeURIComponent(anchorHash.slice(1)));
		expectClean(w);
		await w.close();
	});

	it('answers a missing post with 404 and the Vietnamese not-found page', async () => {
		const missing = '/posts/khong-co-bai-nay/';
		const w = await open({ allow: (u) => u.pathname === missing });
		const { page } = w;
		const response = await page.goto(at(missing));
		expect(response?.status()).toBe(404);
		expect(await page.locator('h1').innerText()).toBe('Không tìm thấy trang');
		expect(await page.locator('main').innerText()).toContain('Trang bạn tìm không có ở đây');
		// Served from a nested URL, the page still finds its stylesheet (absolute asset URLs).
		expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
		await press(page, page.locator('main a', { hasText: 'Về trang chủ' }));
		await page.waitForURL((u) => u.pathname === '/');
		expectClean(w);
		await w.close();
	});

	it('switches theme, remembers it across reloads and pages, and recolours code', async () => {
		const w = await open({ colorScheme: 'light' });
		const { page } = w;
		await page.goto(at(`/posts/${CODE_POST}/`));
		const toggle = page.locator('[data-theme-toggle]');
		await expect.poll(() => toggle.isVisible()).toBe(true);
		expect(await themeOf(page)).toBeNull();
		const lightBg = await bodyBackground(page);
		const lightToken = await tokenColor(page);
		expect(luminance(lightBg)).toBeGreaterThan(0.5);

		await press(page, toggle);
		expect(await themeOf(page)).toBe('dark');
		expect(await toggle.getAttribute('aria-pressed')).toBe('true');
		expect(luminance(await bodyBackground(page))).toBeLessThan(0.1);
		const darkToken = await tokenColor(page);
		expect(darkToken).not.toBe(lightToken);
		expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('dark');

		await page.reload();
		expect(await themeOf(page)).toBe('dark');
		expect(await tokenColor(page)).toBe(darkToken);

		await press(page, page.locator('.site-header a.brand'));
		await page.waitForURL((u) => u.pathname === '/');
		expect(await themeOf(page)).toBe('dark');
		expect(luminance(await bodyBackground(page))).toBeLessThan(0.1);

		// And back to light, which also sticks.
		await press(page, page.locator('[data-theme-toggle]'));
		expect(await themeOf(page)).toBe('light');
		await page.goto(at(`/posts/${CODE_POST}/`));
		expect(await themeOf(page)).toBe('light');
		expect(await tokenColor(page)).toBe(lightToken);
		expect(await bodyBackground(page)).toBe(lightBg);
		expectClean(w);
		await w.close();
	});

	it('paints the first frame in the reader’s theme: system dark, or a stored choice', async () => {
		// Records the body's background on the first animation frame, i.e. before the first paint.
		const firstFrame = () => {
			const w = window as unknown as { __firstBg?: string };
			const look = () => {
				if (document.body) w.__firstBg = getComputedStyle(document.body).backgroundColor;
				else requestAnimationFrame(look);
			};
			requestAnimationFrame(look);
		};
		const painted = (page: Page) =>
			page
				.waitForFunction(() => (window as unknown as { __firstBg?: string }).__firstBg)
				.then((h) => h.jsonValue() as Promise<string>);

		const system = await open({ colorScheme: 'dark' });
		await system.page.addInitScript(firstFrame);
		await system.page.goto(at(`/posts/${CODE_POST}/`));
		expect(await themeOf(system.page)).toBeNull();
		expect(luminance(await painted(system.page)), 'first frame with prefers-color-scheme: dark').toBeLessThan(0.1);
		expect(await system.page.locator('[data-theme-toggle]').getAttribute('aria-pressed')).toBe('true');
		const systemToken = await tokenColor(system.page);
		expectClean(system);
		await system.close();

		// A reader who chose dark on a light system: the inline head script applies it before the first paint.
		const stored = await open({ colorScheme: 'light' });
		await stored.page.addInitScript(() => {
			if (!sessionStorage.getItem('seeded')) localStorage.setItem('theme', 'dark');
			sessionStorage.setItem('seeded', '1');
		});
		await stored.page.addInitScript(firstFrame);
		await stored.page.goto(at(`/posts/${CODE_POST}/`));
		expect(luminance(await painted(stored.page)), 'first frame with a stored dark theme').toBeLessThan(0.1);
		expect(await themeOf(stored.page)).toBe('dark');
		expect(await tokenColor(stored.page)).toBe(systemToken);
		expectClean(stored);
		await stored.close();
	});

	it('copies a code block with its copy button', async () => {
		const w = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
		const { page } = w;
		await page.goto(at(`/posts/${CODE_POST}/`));
		const blocks = page.locator('.code-block');
		expect(await blocks.count()).toBeGreaterThan(0);
		expect(await page.locator('.code-block .copy-code').count()).toBe(await blocks.count());

		const block = blocks.nth(1);
		const button = block.locator('.copy-code');
		await button.scrollIntoViewIfNeeded();
		await press(page, button);
		await expect.poll(() => button.innerText()).toBe('Đã chép');
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		const code = await block.locator('pre code').evaluate((el) => (el as HTMLElement).innerText);
		expect(copied.trim()).not.toBe('');
		expect(copied).toBe(code);
		expectClean(w);
		await w.close();
	});
});

describe('demo site on a 375 px phone', () => {
	it('never scrolls sideways: home, every post (code, tables), category index and category pages', async () => {
		const w = await openPage(session.browser, devices.phone);
		const { page } = w;
		await page.goto(at('/categories/'));
		const categories = await page
			.locator('.category-index a')
			.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		const posts = await postOrder(page);
		expect(posts).toContain(`/posts/${CODE_POST}/`);
		const wide: string[] = [];
		for (const path of ['/', '/categories/', ...posts, ...categories]) {
			await page.goto(at(path));
			await page.evaluate(() => document.fonts.ready);
			if (!(await noHorizontalScroll(page))) wide.push(`${path}: ${(await overflowing(page)).join('; ')}`);
		}
		// The post with code and a table must really contain both, or the check above proves little.
		await page.goto(at(`/posts/${CODE_POST}/`));
		expect(await page.locator('.prose table').count()).toBeGreaterThan(0);
		expect(await page.locator('.prose pre').count()).toBeGreaterThan(0);
		expect(wide).toEqual([]);
		expectClean(w);
		await w.close();
	});
});

describe('pagination (fixtures site, which has more posts than one page holds)', () => {
	it('walks to page 2 and back', async () => {
		const fixtures = site('fixtures');
		const fixtureServer = await serveSite(fixtures);
		// Fixture posts break some images on purpose; this test looks at listings only.
		const w = await openPage(session.browser, devices.desktop);
		const { page } = w;
		try {
			await page.goto(fixtureServer.url);
			expect(await page.locator('.pagination').innerText()).toContain('Trang 1 / 2');
			await press(page, page.locator('.pagination a[rel="next"]'));
			await page.waitForURL((u) => u.pathname === '/my-notes/page/2/');
			expect(await page.locator('h1').innerText()).toBe('Bài viết · trang 2');
			expect(await page.locator('.post-card').count()).toBeGreaterThan(0);
			await press(page, page.locator('.pagination a[rel="prev"]'));
			await page.waitForURL((u) => u.pathname === '/my-notes/');
			expect(pathOf(page)).toBe('/my-notes/');
			expectClean(w);
		} finally {
			await w.close();
			await fixtureServer.close();
		}
	});
});
