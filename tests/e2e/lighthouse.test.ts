/**
 * Lighthouse (mobile defaults) on the demo site: accessibility, best practices and SEO must be 100 on home, the first
 * post and the category index. Performance depends on how busy this machine is, so it is printed, not asserted.
 * Canonical links point to https://example.github.io (the demo's SITE_URL), which Lighthouse accepts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTable, runLighthouse, writeReport, type Category, type PageScores } from '../../scripts/lighthouse';
import { site } from '../helpers/sites';

const demo = site('demo');
const ASSERTED: Category[] = ['accessibility', 'best-practices', 'seo'];
let results: PageScores[] = [];

beforeAll(async () => {
	results = await runLighthouse(demo.dir, demo.base);
	writeReport(results);
	console.log(`Lighthouse on the demo site (mobile):\n${formatTable(results)}`);
}, 240_000);

describe('Lighthouse on the demo site', () => {
	it('audited home, a post and the category index', () => {
		expect(results.map((r) => new URL(r.url).pathname)).toEqual([
			'/',
			expect.stringMatching(/^\/posts\/[^/]+\/$/),
			'/categories/'
		]);
		for (const r of results) expect(r.scores.performance, `performance of ${r.url}`).not.toBeNull();
	});

	for (const [index, name] of ['home', 'the first post', 'the category index'].entries()) {
		it(`scores 100 for accessibility, best practices and SEO on ${name}`, () => {
			const r = results[index];
			expect(r, 'page was audited').toBeDefined();
			const below = ASSERTED.filter((c) => r.scores[c] !== 100);
			const why = r.failing
				.filter((a) => below.includes(a.category))
				.map((a) => `${a.category}: ${a.id} (${a.title})${a.items.length ? `\n    ${a.items.join('\n    ')}` : ''}`)
				.join('\n');
			expect(Object.fromEntries(ASSERTED.map((c) => [c, r.scores[c]])), `${r.url}\n${why}`).toEqual({
				accessibility: 100,
				'best-practices': 100,
				seo: 100
			});
		});
	}
});
