/**
 * Lighthouse on a built site, with Lighthouse's default (mobile) settings: home, the first post linked from home, the
 * category index, the first category, the course index and a search. `npm run lighthouse [dir]` serves `dir` (default
 * build/) under BASE_PATH, prints the four scores and the layout shift per page and writes the details to
 * .artifacts/lighthouse.json. `runLighthouse` is what the e2e test calls, with the pages it names.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import lighthouse from 'lighthouse';
// A dependency of lighthouse itself (node_modules/chrome-launcher), not of this project.
import { launch } from 'chrome-launcher';
import { basePath } from '../src/lib/env.js';
import { serveStatic } from './serve';
import { CHROME_FLAGS, CHROME_PATH } from './chromium';
import { isMain } from './main';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** An audit that cost points: what to fix when a score is below 100. */
export interface FailingAudit {
	category: Category;
	id: string;
	title: string;
	score: number | null;
	displayValue?: string;
	/** Up to five offending elements or resources, as Lighthouse names them. */
	items: string[];
}

export interface PageScores {
	url: string;
	/** 0–100, null when Lighthouse could not compute the category. */
	scores: Record<Category, number | null>;
	failing: FailingAudit[];
	/** Lighthouse's own warnings about the run (e.g. the page was slow to load). */
	warnings: string[];
	/** Cumulative layout shift while the page loaded. */
	cls: number;
}

const FLAGS = [...CHROME_FLAGS, '--headless=new'];

/** Names of the elements or URLs an audit's details point at (tables and lists of nodes). */
function auditItems(details: unknown): string[] {
	const names: string[] = [];
	const visit = (value: unknown, depth: number) => {
		if (names.length >= 5 || depth > 4 || !value || typeof value !== 'object') return;
		const v = value as Record<string, unknown>;
		if (v.type === 'node' && (v.selector || v.snippet)) {
			names.push(`${v.selector ?? ''} ${typeof v.snippet === 'string' ? v.snippet.slice(0, 120) : ''}`.trim());
			return;
		}
		if (typeof v.url === 'string' && depth > 0) {
			names.push(v.url);
			return;
		}
		for (const child of Array.isArray(value) ? value : Object.values(v)) visit(child, depth + 1);
	};
	visit((details as { items?: unknown } | undefined)?.items, 0);
	return [...new Set(names)];
}

/** Audits that lowered a category: scored below 1 and weighted in that category. */
function failingAudits(lhr: NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']): FailingAudit[] {
	const out: FailingAudit[] = [];
	for (const category of CATEGORIES) {
		for (const ref of lhr.categories[category]?.auditRefs ?? []) {
			const audit = lhr.audits[ref.id];
			if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
			if (['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode)) continue;
			out.push({
				category,
				id: audit.id,
				title: audit.title,
				score: audit.score,
				displayValue: audit.displayValue,
				items: auditItems(audit.details)
			});
		}
	}
	return out;
}

/**
 * Runs Lighthouse on the pages of the site built in `siteDir`: `paths` (site paths without the base path), or else
 * home, the first post linked from home, the category index, the first category, the course index and a search.
 */
export async function runLighthouse(
	siteDir: string,
	base = basePath(),
	paths?: string[],
	options: { medianOfThree?: boolean } = {}
): Promise<PageScores[]> {
	const server = await serveStatic(siteDir, { port: 0, base });
	const chrome = await launch({ chromePath: CHROME_PATH, chromeFlags: FLAGS, logLevel: 'silent' });
	try {
		const home = server.url;
		const html = await (await fetch(home)).text();
		const first = (kind: string) => new RegExp(`href="${base}(/${kind}/[^"#?]+/)"`).exec(html)?.[1];
		const chosen = paths ?? [
			'/',
			first('posts'),
			'/categories/',
			first('categories'),
			'/muc-luc/',
			'/search/?q=dong+bo'
		];
		if (chosen.some((p) => !p)) throw new Error(`no post or category link found on ${home}`);
		const urls = chosen.map((p) => new URL(p!.slice(1), home).href);

		const audit = async (url: string): Promise<PageScores> => {
			const run = await lighthouse(url, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: [...CATEGORIES]
			});
			if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
			const { lhr } = run;
			if (lhr.runtimeError)
				throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
			const scores = Object.fromEntries(
				CATEGORIES.map((c) => {
					const score = lhr.categories[c]?.score;
					return [c, typeof score === 'number' ? Math.round(score * 100) : null];
				})
			) as Record<Category, number | null>;
			const cls = lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN;
			return { url, scores, failing: failingAudits(lhr), warnings: lhr.runWarnings, cls };
		};
		const results: PageScores[] = [];
		// One page at a time: parallel runs on 2 cores would skew each other's timings.
		for (const url of urls) {
			// Performance varies from run to run on a shared machine: below 100, the page is audited three times and the
			// run with the median performance is kept, as Lighthouse's documentation advises.
			const runs = [await audit(url)];
			if (options.medianOfThree !== false && (runs[0].scores.performance ?? 0) < 100)
				runs.push(await audit(url), await audit(url));
			runs.sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
			results.push(runs[Math.floor(runs.length / 2)]);
		}
		return results;
	} finally {
		chrome.kill();
		await server.close();
	}
}

/** A plain-text table: one row per page, one column per category, then what cost points. */
export function formatTable(results: PageScores[]): string {
	const head = ['page', ...CATEGORIES, 'CLS'];
	const rows = results.map((r) => [
		new URL(r.url).pathname + new URL(r.url).search,
		...CATEGORIES.map((c) => String(r.scores[c] ?? '–')),
		r.cls.toFixed(3)
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	const lines = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
	for (const r of results) {
		for (const a of r.failing) {
			lines.push(
				`  ${new URL(r.url).pathname} ${a.category}: ${a.id} (${a.title})${a.displayValue ? ` ${a.displayValue}` : ''}`
			);
			for (const item of a.items) lines.push(`      ${item}`);
		}
		for (const w of r.warnings) lines.push(`  ${new URL(r.url).pathname} warning: ${w}`);
	}
	return lines.join('\n');
}

export const REPORT_FILE = resolve('.artifacts/lighthouse.json');

export function writeReport(results: PageScores[], file = REPORT_FILE): void {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), results }, null, '\t')}\n`);
}

if (isMain(import.meta.url)) {
	const dir = process.argv[2] ?? 'build';
	const results = await runLighthouse(dir, basePath());
	console.log(formatTable(results));
	writeReport(results);
	console.log(`\nDetails in ${REPORT_FILE}`);
}
