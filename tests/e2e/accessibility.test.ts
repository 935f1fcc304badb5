/**
 * axe-core on the demo site's main pages in both themes: no violation of serious or critical impact. The failure
 * message names each rule, its targets and axe's help text.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeViolations, desktop, openPage, runAxe, browseSite } from '../helpers/browser';
import { site } from '../helpers/sites';

const demo = site('demo');
const hasSearch = existsSync(join(demo.dir, 'search/index.html'));
const session = browseSite(demo);

async function check(path: string, theme: 'light' | 'dark', ready?: string) {
	// Dark comes from the reader's system setting (nothing stored), the path every first visit takes.
	const w = await openPage(session.browser, { ...desktop, colorScheme: theme });
	const { page } = w;
	await page.goto(new URL(path.slice(1), session.server.url).href);
	if (ready) await page.locator(ready).first().waitFor();
	await page.evaluate(() => document.fonts.ready);
	const isDark = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme === 'dark');
	expect(isDark, 'theme applied').toBe(theme === 'dark');

	const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
	const summary = violations.map((v) => `${v.id} [${v.impact}] on ${v.nodes.length} element(s)`);
	expect(summary, `axe on ${path} (${theme}):\n${describeViolations(violations)}`).toEqual([]);
	expect(w.problems(), 'console errors or failed requests').toEqual([]);
	await w.close();
}

describe.each(['light', 'dark'] as const)('accessibility of the demo site, %s theme', (theme) => {
	it('home', () => check('/', theme));
	it('a post with code, a table and a table of contents', () => check('/posts/tien-trinh-va-luong/', theme));
	it('the category index', () => check('/categories/', theme));
	it('a category page', () => check('/categories/he-thong-phan-tan/', theme));
	it('the 404 page', () => check('/404.html', theme));
	it.skipIf(!hasSearch)('the search page with results', () =>
		check('/search/?q=dinh+danh', theme, '[data-search-results] li')
	);
});
