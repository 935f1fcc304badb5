/**
 * The fixtures site is built with BASE_PATH=/my-notes, as for a GitHub Pages project site: every URL a page refers to
 * on its own host must carry the base path and answer 200, or readers meet broken links, styles and icons.
 */
import { describe, expect, it } from 'vitest';
import { desktop, openPage, browseSite } from '../helpers/browser';
import { site } from '../helpers/sites';

const fixtures = site('fixtures');
const BASE = '/my-notes';
const session = browseSite(fixtures);

/** Links the fixture posts break on purpose (tests/fixtures/site/links.md): a missing .md post and missing images. */
const deliberatelyBroken = (url: URL) =>
	(url.pathname.startsWith(`${BASE}/posts/`) && url.pathname.endsWith('.md')) ||
	/\/(khong-co|thieu|ảnh thiếu)\.[a-z]+$/.test(decodeURIComponent(url.pathname));

describe('fixtures site under BASE_PATH=/my-notes', () => {
	for (const path of ['/', '/posts/links/', '/categories/', '/categories/he-thong-phan-tan/', '/page/2/']) {
		it(`refers only to URLs under ${BASE}/ that answer 200, on ${path}`, async () => {
			const w = await openPage(session.browser, { ...desktop, allow: deliberatelyBroken });
			const { page } = w;
			const response = await page.goto(new URL(path.slice(1), session.server.url).href);
			expect(response?.status()).toBe(200);
			await page.evaluate(() => document.fonts.ready);

			const urls = await page.evaluate(() => {
				const abs = (v: string | null) => (v === null ? null : new URL(v, document.baseURI).href);
				const pick = (selector: string, attr: string) =>
					[...document.querySelectorAll(selector)].map((el) => ({
						tag: `${el.tagName.toLowerCase()}[${attr}]`,
						raw: el.getAttribute(attr)!,
						url: abs(el.getAttribute(attr))!
					}));
				return [
					...pick('a[href]', 'href'),
					...pick('img[src]', 'src'),
					...pick('link[href]', 'href'),
					...pick('script[src]', 'src'),
					...pick('form[action]', 'action')
				];
			});
			const own = urls.filter((u) => new URL(u.url).host === new URL(session.server.url).host);
			expect(own.length).toBeGreaterThan(3);

			const outside = own
				.filter((u) => !new URL(u.url).pathname.startsWith(`${BASE}/`))
				.map((u) => `${u.tag}="${u.raw}"`);
			expect(outside, 'own-origin URLs without the base path').toEqual([]);

			const skipped: string[] = [];
			const bad: string[] = [];
			const seen = new Set<string>();
			for (const u of own) {
				const target = new URL(u.url);
				target.hash = '';
				if (seen.has(target.href)) continue;
				seen.add(target.href);
				if (deliberatelyBroken(target)) {
					skipped.push(target.pathname);
					continue;
				}
				// No redirects either: a link that needs one (missing trailing slash) is a link to fix.
				const res = await page.request.get(target.href, { maxRedirects: 0 });
				if (res.status() !== 200) bad.push(`${res.status()} ${u.tag}="${u.raw}"`);
			}
			expect(bad, 'own-origin URLs that do not answer 200').toEqual([]);
			// Only the post that breaks links on purpose may have any to skip.
			if (path === '/posts/links/') expect(skipped.length).toBeGreaterThan(0);
			else expect(skipped).toEqual([]);

			expect(w.problems(), 'console errors or failed requests').toEqual([]);
			await w.close();
		});
	}

	it('answers paths outside the base path with the 404 page', async () => {
		expect(new URL(session.server.url).pathname).toBe(`${BASE}/`);
		const w = await openPage(session.browser, { ...desktop, allow: (u) => u.pathname === '/posts/links/' });
		const response = await w.page.goto(new URL('/posts/links/', session.server.url).href);
		expect(response?.status()).toBe(404);
		expect(await w.page.locator('h1').innerText()).toBe('Không tìm thấy trang');
		// Its stylesheet still loads: asset URLs carry the base path.
		expect(await w.page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
		expect(w.problems()).toEqual([]);
		await w.close();
	});
});
