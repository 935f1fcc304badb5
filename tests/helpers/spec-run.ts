/** Runs spec examples through the real pipeline, a few at a time, and sums up how many match the reference. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderMarkdown } from './render';
import { compareWithReference, normaliseHtml, referenceHtml } from './spec-compare';

export interface SpecExample {
	markdown: string;
	section: string;
	number: number;
}

export interface SpecResult extends SpecExample {
	same: boolean;
	expected: string;
	actual: string;
	/** The pipeline's degradation level (0: as written). */
	level?: number;
	/** The message, when rendering threw. */
	error?: string;
	/** Why the first render threw, when the example was rendered again with its HTML as text (as the build does). */
	renderFailure?: string;
}

const message = (error: unknown) => String((error as Error)?.message).split('\n')[0];

/**
 * Renders like the site build (src/lib/content/render/run.ts): a post that compiles but throws while rendering (its
 * <script> runs on the server) is compiled again with its HTML shown as text.
 */
async function render(markdown: string) {
	const options = { title: 'Spec example' };
	try {
		return { ...(await renderMarkdown(markdown, options)), renderFailure: undefined };
	} catch (error) {
		return { ...(await renderMarkdown(markdown, { ...options, startLevel: 2 })), renderFailure: message(error) };
	}
}

/** Renders every example (`concurrency` at a time) and compares it with micromark's HTML (with GFM when asked). */
export async function runExamples(
	examples: SpecExample[],
	options: { gfm?: boolean; concurrency?: number } = {}
): Promise<SpecResult[]> {
	const results: SpecResult[] = [];
	let next = 0;
	const worker = async () => {
		while (next < examples.length) {
			const i = next++;
			const example = examples[i];
			try {
				const { html, level, renderFailure } = await render(example.markdown);
				results[i] = { ...example, level, renderFailure, ...compareWithReference(example.markdown, html, options) };
			} catch (error) {
				const expected = normaliseHtml(referenceHtml(example.markdown, options));
				results[i] = { ...example, same: false, expected, actual: '', error: message(error) };
			}
		}
	};
	await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
	return results;
}

/** A plain-text table of passed/total per section (in spec order) and in all, then the examples that were degraded. */
export function sectionTable(results: SpecResult[]): string {
	const sections = new Map<string, { passed: number; total: number }>();
	for (const r of results) {
		const row = sections.get(r.section) ?? { passed: 0, total: 0 };
		row.total++;
		if (r.same) row.passed++;
		sections.set(r.section, row);
	}
	const passed = results.filter((r) => r.same).length;
	const rows: [string, string][] = [...sections].map(([name, s]) => [name, `${s.passed}/${s.total}`]);
	rows.push(['TOTAL', `${passed}/${results.length} (${((100 * passed) / results.length).toFixed(1)} %)`]);
	const width = Math.max(...rows.map(([name]) => name.length));
	const degraded = results
		.filter((r) => r.level)
		.map((r) => `#${r.number} (level ${r.level}${r.renderFailure ? ', render threw' : ''})`);
	return [
		...rows.map(([name, score]) => `${name.padEnd(width)}  ${score}`),
		`Degraded: ${degraded.join(', ') || 'none'}`
	].join('\n');
}

/** Writes every result to `.artifacts/spec/<name>.json`, for reading the failures in full. */
export function saveResults(name: string, results: SpecResult[]): string {
	const dir = resolve('.artifacts/spec');
	mkdirSync(dir, { recursive: true });
	const file = resolve(dir, `${name}.json`);
	writeFileSync(file, JSON.stringify(results, null, '\t'));
	return file;
}
