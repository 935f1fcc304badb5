/**
 * Pictures and diagrams as a reader gets them (issue 13), on the images fixture site: local pictures resized into
 * AVIF/WebP with their real size, a phone downloading a fraction of the originals, no layout shift while they load,
 * missing pictures as placeholders, diagrams as inline SVG in both themes, and a diagram the renderer refuses shown as
 * code with a warning.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browseSite, luminance, openPage, phone, runAxe, saveScreenshot, settle } from '../helpers/browser';
import { read, site } from '../helpers/sites';

const images = site('images');
const session = browseSite(images);
const PHOTOS = '/posts/anh-trong-bai/';
const DIAGRAMS = '/posts/so-do/';
const FIXTURES = resolve('tests/fixtures/images/hinh');
const pageUrl = (path: string) => new URL(path.slice(1), session.server.url).href;

/** Every `<img …>` start tag of a built page. */
const imgTags = (path: string) => read(images, join(path, 'index.html')).match(/<img\b[^>]*>/g) ?? [];

describe('pictures in the built pages', () => {
	it('builds, and names the missing picture and the refused diagram with file and line', () => {
		expect(images.code, images.output.slice(-3000)).toBe(0);
		expect(images.output).toContain(
			'tests/fixtures/images/anh-trong-bai.md:34 image: expected a file at hinh/bieu-do-do-tre.png'
		);
		expect(images.output).toMatch(/tests\/fixtures\/images\/so-do\.md:45 diagram: .*gantt.*shown as code/);
	});

	it('gives every local <img> a width, a height and a srcset, and the cover priority', () => {
		for (const path of [PHOTOS, '/', '/categories/bai-tap/']) {
			const local = imgTags(path).filter((t) => !/src="https?:/.test(t));
			expect(local.length, path).toBeGreaterThan(0);
			for (const tag of local) {
				expect(tag, path).toMatch(/\swidth="\d+"/);
				expect(tag, path).toMatch(/\sheight="\d+"/);
				expect(tag, path).toMatch(/\ssrcset="[^"]+"/);
			}
		}
		const tags = imgTags(PHOTOS);
		expect(tags[0]).toContain('post-cover');
		expect(tags[0]).toContain('fetchpriority="high"');
		expect(tags.filter((t) => t.includes('fetchpriority'))).toHaveLength(1);
		// Sizes read from the files: the 3200×2000 screenshot, the author's 320 px SVG.
		expect(tags.find((t) => t.includes('Terminal'))).toMatch(/width="3200" height="2000"/);
		expect(tags.find((t) => t.includes('thu nhỏ'))).toMatch(/width="320" height="160"/);
		// The listing thumbnail offers the copy made for it.
		expect(imgTags('/').find((t) => t.includes('class="cover'))).toMatch(/-360\.webp 360w/);
	});

	it('keeps the animated GIF and the SVG as they are, and the remote image lazy in a box', () => {
		const tags = imgTags(PHOTOS);
		expect(tags.find((t) => t.includes('dong-ho.gif'))).toMatch(/src="\/ghi-chep\/media\/hinh\/dong-ho\.gif"/);
		expect(readFileSync(join(images.dir, 'media/hinh/dong-ho.gif'))).toEqual(
			readFileSync(join(FIXTURES, 'dong-ho.gif'))
		);
		const remote = tags.find((t) => t.includes('example.com'))!;
		expect(remote).toContain('loading="lazy"');
		expect(remote).toContain('data-remote');
	});
});

describe('pictures in Chromium', () => {
	it('on a 375 px phone, downloads at most a quarter of the originals’ bytes, with no layout shift', async () => {
		const w = await openPage(session.browser, phone);
		const { page } = w;
		let bytes = 0;
		const requested: string[] = [];
		page.on('response', async (response) => {
			if (response.request().resourceType() !== 'image' || !response.url().startsWith(session.server.url)) return;
			requested.push(new URL(response.url()).pathname);
			bytes += (await response.body()).length;
		});
		await page.addInitScript(() => {
			(window as unknown as { shifts: number[] }).shifts = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
					if (!e.hadRecentInput) (window as unknown as { shifts: number[] }).shifts.push(e.value);
			}).observe({ type: 'layout-shift', buffered: true });
		});
		await page.goto(pageUrl(PHOTOS));
		// Read to the end as a reader would, so every lazy picture loads.
		await page.evaluate(async () => {
			for (let y = 0; y <= document.body.scrollHeight; y += 300) {
				window.scrollTo(0, y);
				await new Promise((r) => setTimeout(r, 60));
			}
		});
		await settle(page);
		await page.waitForLoadState('networkidle');
		const originals = [
			'bia.png',
			'man-hinh-terminal.png',
			'anh-chup-phong-may.jpg',
			'kien-truc.svg',
			'dong-ho.gif',
			'so-do-raft.png'
		]
			.map((f) => statSync(join(FIXTURES, f)).size)
			.reduce((a, b) => a + b, 0);
		expect(
			requested.some((p) => p.endsWith('.avif')),
			requested.join('\n')
		).toBe(true);
		expect(
			requested.filter((p) => /\.(png|jpe?g)$/.test(p)),
			'no original PNG or JPEG'
		).toEqual([]);
		expect(
			requested.some((p) => p.includes('bieu-do-do-tre')),
			'nothing requested for the missing picture'
		).toBe(false);
		expect(bytes, `${bytes} bytes of ${originals}`).toBeLessThanOrEqual(originals / 4);
		const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
		expect(
			shifts.reduce((a, b) => a + b, 0),
			`layout shifts ${shifts.join(', ')}`
		).toBe(0);
		const missing = page.locator('.img-missing');
		await expect(missing.getAttribute('aria-label')).resolves.toBe('Biểu đồ độ trễ (thiếu hình)');
		expect((await missing.boundingBox())!.height).toBeGreaterThan(40);
		// The remote picture cannot load here (no network): it keeps a box instead of collapsing.
		const remote = await page.locator('img[data-remote]').boundingBox();
		expect(remote!.height).toBeGreaterThanOrEqual(64);
		await saveScreenshot(page, 'images-phone-light');
		expect(w.problems()).toEqual([]);
		await w.close();
	});

	for (const theme of ['light', 'dark'] as const) {
		it(`tones pictures on white down in dark mode only, and passes axe (${theme})`, async () => {
			const w = await openPage(session.browser, { viewport: { width: 1280, height: 900 }, colorScheme: theme });
			await w.page.goto(pageUrl(PHOTOS));
			await settle(w.page);
			const filters = await w.page.evaluate(() =>
				[...document.querySelectorAll('img.light-bg')].map((img) => [
					img.getAttribute('alt'),
					getComputedStyle(img).filter
				])
			);
			expect(filters.map(([alt]) => alt)).toEqual(['Sơ đồ Raft trên nền trắng', 'Sơ đồ Raft giữ nguyên màu']);
			// Toned down in dark mode only, unless the author opted out with class="keep-colors".
			expect(filters[0][1] === 'none').toBe(theme === 'light');
			expect(filters[1][1]).toBe('none');
			const serious = (await runAxe(w.page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
			expect(serious.map((v) => v.id)).toEqual([]);
			expect(w.problems()).toEqual([]);
			await w.close();
		});

		it(`draws diagrams as inline SVG with no script, readable in the ${theme} theme`, async () => {
			const w = await openPage(session.browser, { ...phone, colorScheme: theme });
			const { page } = w;
			await page.goto(pageUrl(DIAGRAMS));
			await settle(page);
			const found = await page.evaluate(() => {
				const bg = getComputedStyle(document.body).backgroundColor;
				return [...document.querySelectorAll('figure.diagram')].map((f) => {
					const svg = f.querySelector('svg')!;
					const text = svg.querySelector('text')!;
					const box = f.getBoundingClientRect();
					const wide = svg.getBoundingClientRect().width > box.width + 1;
					return {
						role: svg.getAttribute('role'),
						label: svg.getAttribute('aria-label') ?? '',
						scripts: f.querySelectorAll('script, foreignObject').length,
						text: getComputedStyle(text).fill,
						bg,
						// The figure fits the column; a drawing wider than it scrolls sideways rather than shrinking.
						fits:
							box.width <= document.documentElement.clientWidth &&
							(!wide || ['auto', 'scroll'].includes(getComputedStyle(f).overflowX))
					};
				});
			});
			expect(found).toHaveLength(3);
			for (const d of found) {
				expect(d.role).toBe('img');
				expect(d.label.length).toBeGreaterThan(10);
				expect(d.scripts).toBe(0);
				expect(d.fits).toBe(true);
				const [fg, bg] = [luminance(d.text), luminance(d.bg)];
				// WCAG contrast of the labels against the page.
				expect((Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)).toBeGreaterThan(4.5);
			}
			expect(found[1].label).toContain('Tầng giao diện');
			// The diagram the renderer refuses is still there, as code.
			await expect(page.locator('.code-block', { hasText: 'gantt' }).count()).resolves.toBe(1);
			expect(await page.evaluate(() => document.querySelectorAll('script[src]').length)).toBe(0);
			await saveScreenshot(page, `diagrams-phone-${theme}`);
			expect(w.problems()).toEqual([]);
			await w.close();
		});
	}
});
