/**
 * The 652 examples of the CommonMark 0.31.2 spec, each rendered by the real pipeline and compared with micromark's
 * HTML as a reader sees it (tests/helpers/spec-compare.ts). Failures are listed in .artifacts/spec/commonmark.json.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExamples, saveResults, sectionTable, type SpecExample, type SpecResult } from '../../helpers/spec-run';

/** Share of the examples that must look as micromark renders them (the issue asks for 98 %). */
const FLOOR = 0.98;

// The spec writes tabs as `→` in its examples.
const examples: SpecExample[] = (createRequire(import.meta.url)('commonmark-spec').tests as SpecExample[]).map((e) => ({
	...e,
	markdown: e.markdown.replace(/→/g, '\t')
}));

describe('CommonMark 0.31.2 spec examples', () => {
	let results: SpecResult[] = [];

	beforeAll(async () => {
		const started = performance.now();
		results = await runExamples(examples, { concurrency: 4 });
		const seconds = (performance.now() - started) / 1000;
		const file = saveResults('commonmark', results);
		console.log(`CommonMark spec: ${examples.length} examples in ${seconds.toFixed(1)} s (details: ${file})`);
		console.log(sectionTable(results));
	});

	it('has all 652 examples', () => {
		expect(examples).toHaveLength(652);
	});

	it('renders every example without throwing', () => {
		expect(results.filter((r) => r.error).map((r) => `#${r.number} (${r.section}): ${r.error}`)).toEqual([]);
	});

	it(`looks as micromark renders at least ${FLOOR * 100} % of the examples`, () => {
		const failing = results.filter((r) => !r.same);
		const rate = 1 - failing.length / results.length;
		const message = failing
			.slice(0, 20)
			.map((r) => `#${r.number} ${r.section}\n  expected: ${r.expected}\n  actual:   ${r.actual}`)
			.join('\n');
		expect(rate, message).toBeGreaterThanOrEqual(FLOOR);
	});
});
