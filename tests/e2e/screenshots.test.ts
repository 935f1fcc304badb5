/**
 * Full-page screenshots of the demo site for a human to look at: home and a post with code, on a phone and a desktop,
 * light and dark. Saved as .artifacts/screenshots/<page>-<device>-<theme>.png.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { devices, luminance, openPage, saveScreenshot, settle, type DeviceName, browseSite } from '../helpers/browser';
import { site } from '../helpers/sites';

const demo = site('demo');
const PAGES = { home: '/', 'tien-trinh-va-luong': '/posts/tien-trinh-va-luong/' } as const;
const session = browseSite(demo);

/** Width and height from a PNG header. */
const pngSize = (file: string) => {
	const head = readFileSync(file).subarray(0, 24);
	expect(head.subarray(1, 4).toString()).toBe('PNG');
	return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
};

describe('screenshots of the demo site', () => {
	for (const device of Object.keys(devices) as DeviceName[]) {
		for (const theme of ['light', 'dark'] as const) {
			it(`${device}, ${theme}`, async () => {
				const options = devices[device];
				const w = await openPage(session.browser, { ...options, colorScheme: theme });
				const { page } = w;
				for (const [name, path] of Object.entries(PAGES)) {
					await page.goto(new URL(path.slice(1), session.server.url).href);
					await settle(page);
					const bg = luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
					expect(theme === 'dark' ? bg < 0.1 : bg > 0.5, `${name} renders ${theme}`).toBe(true);
					const file = await saveScreenshot(page, `${name}-${device}-${theme}`);
					const { width } = pngSize(file);
					expect(width).toBe(options.viewport!.width * (options.deviceScaleFactor ?? 1));
				}
				expect(w.problems(), 'console errors or failed requests').toEqual([]);
				await w.close();
			});
		}
	}
});
