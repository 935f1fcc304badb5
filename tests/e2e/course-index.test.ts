/**
 * Finding an assignment (issue 14, part 1) on the demo site, whose four posts form the series "Ghi chép bài giảng":
 * the course index at /muc-luc/, the ways in at the top of the home page, a post's place in its series and its
 * neighbours there, at 375 px and 1280 px in both themes, with axe.
 */
import { describe, expect, it } from 'vitest';
import { browseSite, desktop, openPage, phone, runAxe, saveScreenshot, settle } from '../helpers/browser';
import { read, site } from '../helpers/sites';

const demo = site('demo');
const session = browseSite(demo);
const SERIES = [
	'Giới thiệu về hệ thống phân tán',
	'Tiến trình và luồng trong hệ thống phân tán',
	'Gọi thủ tục từ xa: từ RPC đến gRPC',
	'Đồng bộ hóa đồng hồ: Cristian, Berkeley, Lamport và đồng hồ vector'
];

describe('the course index', () => {
	it('lists every post once, in the series in assignment order, with date and reading time', () => {
		const html = read(demo, 'muc-luc/index.html').replace(/<!--[^]*?-->/g, '');
		const titles = [...html.matchAll(/<li[^>]*><a href="\/posts\/[^"]+\/"[^>]*>([^<]+)<\/a>/g)].map((m) =>
			m[1].replace(/&amp;/g, '&')
		);
		expect(titles).toEqual(SERIES);
		expect(html).toContain('id="loat-ghi-chep-bai-giang"');
		expect(html.match(/phút đọc/g)).toHaveLength(4);
		expect(html).toMatch(/4 tháng 9, 2025 · \d+ phút đọc/);
		expect(read(demo, 'sitemap.xml')).toContain('/muc-luc/');
	});

	for (const [device, options] of Object.entries({ phone, desktop })) {
		for (const theme of ['light', 'dark'] as const) {
			it(`reads well and passes axe on a ${device} (${theme})`, async () => {
				const w = await openPage(session.browser, { ...options, colorScheme: theme });
				const { page } = w;
				await page.goto(new URL('muc-luc/', session.server.url).href);
				await settle(page);
				expect(await page.locator('.course-list li').count()).toBe(4);
				// Compact: four posts fit in one screen on a phone.
				const last = await page.locator('.course-list li').last().boundingBox();
				expect(last!.y + last!.height).toBeLessThan(options.viewport!.height + 200);
				expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
				const serious = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
				expect(serious.map((v) => v.id)).toEqual([]);
				await saveScreenshot(page, `muc-luc-${device}-${theme}`);
				expect(w.problems()).toEqual([]);
				await w.close();
			});
		}
	}

	it('is linked from the top of the home page, beside the categories as chips', async () => {
		const w = await openPage(session.browser, phone);
		const { page } = w;
		await page.goto(session.server.url);
		const ways = page.locator('.home-ways');
		const box = await ways.boundingBox();
		// Near the top: within the first screen, above the first post.
		expect(box!.y).toBeLessThan(400);
		expect(box!.y).toBeLessThan((await page.locator('.post-card').first().boundingBox())!.y);
		await expect(ways.locator('a').first().getAttribute('href')).resolves.toBe('/muc-luc/');
		const chips = await ways.locator('a[href^="/categories/"]').allTextContents();
		expect(chips.some((c) => c.includes('Hệ thống phân tán'))).toBe(true);
		for (const a of await ways.locator('a').all()) expect((await a.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		await ways.locator('a').first().click();
		await page.waitForURL(/\/muc-luc\/$/);
		await w.close();
	});

	it('shows a post’s place in its series, and its previous and next links follow the series', async () => {
		const w = await openPage(session.browser, desktop);
		const { page } = w;
		await page.goto(new URL('posts/tien-trinh-va-luong/', session.server.url).href);
		await expect(page.locator('.series-place').textContent()).resolves.toContain(
			'Ghi chép bài giảng · bài 2 trong loạt 4 bài'
		);
		await expect(page.locator('a[rel="prev"]').textContent()).resolves.toContain(SERIES[0]);
		await expect(page.locator('a[rel="next"]').textContent()).resolves.toContain(SERIES[2]);
		await page.locator('a[rel="next"]').click();
		await page.waitForURL(/goi-thu-tuc-tu-xa-rpc/);
		await expect(page.locator('.series-place').textContent()).resolves.toContain('bài 3 trong loạt 4');
		await page.locator('.series-place a').click();
		await page.waitForURL(/\/muc-luc\/#loat-ghi-chep-bai-giang$/);
		expect(w.problems()).toEqual([]);
		await w.close();
	});
});
