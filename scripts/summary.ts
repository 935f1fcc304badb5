/**
 * `node --import tsx scripts/summary.ts`: what the last build did, as Markdown for GitHub's job summary, appended to
 * the file named by `GITHUB_STEP_SUMMARY` (printed when it is unset). The build writes the report it reads into the
 * build manifest (`manifestFile()`): the content stage what it published, left out and warned about, `build()` the totals. The
 * posts changed since `SUMMARY_BASE` (the commit the workflow compares with) are listed with what became of each.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import { manifestFile, readManifest, updateManifest } from '../src/lib/build/manifest.js';
import type { BuildReport } from '../src/lib/build/types';
import type { Content } from '../src/lib/content/load';
import {
	escapeControls,
	lenientCost,
	sortProblems,
	stopMessage,
	stops,
	type Problem
} from '../src/lib/content/problems';
import { postsDir, siteUrl } from '../src/lib/env.js';
import { postPath, withBase } from '../src/lib/text/urls';
import { isMain } from './main';

export type { BuildReport, ReportPost } from '../src/lib/build/types';

const round = (seconds: number) => Math.round(seconds * 100) / 100;

/** The content stage's part of the report. */
export function contentReport(
	content: Pick<Content, 'posts' | 'leftOut' | 'problems' | 'drafts'>,
	options: { seconds: number; base: string; mode: 'error' | 'warn'; warnings?: 'error' | 'warn' }
): BuildReport {
	const problems = sortProblems(content.problems);
	const left = new Set(content.leftOut);
	return {
		mode: options.mode,
		...(options.warnings === 'error' ? { warningsMode: 'error' as const } : {}),
		published: content.posts.length,
		posts: content.posts.map((p) => ({ file: p.file, title: p.title, url: withBase(options.base, postPath(p.slug)) })),
		leftOut: [...left]
			.sort()
			.map((file) => ({ file, problems: problems.filter((p) => p.file === file && p.severity === 'error') })),
		errors: problems.filter((p) => p.severity === 'error' && !left.has(p.file)),
		warnings: problems.filter((p) => p.severity === 'warning'),
		drafts: content.drafts,
		contentSeconds: round(options.seconds)
	};
}

/** The pages of a built site, from the list of its files. */
export function countPages(files: string[]): number {
	return files.filter((f) => f.endsWith('.html')).length;
}

/** The report in a build manifest, or undefined when there is none (the build stopped before its content stage ended). */
export function readReport(manifest: string): BuildReport | undefined {
	try {
		return readManifest(manifest)?.report;
	} catch {
		return undefined;
	}
}

/** `build()`'s part: adds the total time, the outcome and the page count to the content stage's report. */
export function finishReport(manifest: string, outcome: { seconds: number; ok: boolean; site: string }): void {
	const report = readReport(manifest);
	if (!report) return;
	const pages =
		outcome.ok && existsSync(outcome.site)
			? countPages(readdirSync(outcome.site, { recursive: true, encoding: 'utf8' }))
			: undefined;
	updateManifest(manifest, (m) => ({
		...m,
		report: { ...report, seconds: round(outcome.seconds), ok: outcome.ok, pages }
	}));
}

/**
 * The files under `dir` changed between `base` and HEAD, or undefined when there is no base or git cannot tell (a
 * shallow clone, the all-zero commit GitHub sends for a new branch). `-z` keeps Vietnamese file names as written
 * (git quotes them otherwise); `--relative` gives paths as the build shows them.
 */
export function changedFiles(base: string | undefined, dir: string, cwd = process.cwd()): string[] | undefined {
	if (!base || base.startsWith('-') || /^0+$/.test(base)) return undefined;
	try {
		const out = execFileSync('git', ['diff', '--name-only', '-z', '--relative', base, 'HEAD', '--', dir], {
			cwd,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		});
		return out.split('\0').filter(Boolean);
	} catch {
		return undefined;
	}
}

export interface SummaryOptions {
	/** Post files changed against the base; undefined when unknown. */
	changed?: string[];
	/** The site's public origin, to link changed posts; none when `SITE_URL` is unset. */
	siteUrl?: string;
}

/** Longest list the summary shows in full. */
const CAP = 50;

/**
 * Markdown text with its controls and punctuation escaped, so a message or title stays on its line (a newline would
 * end the list, a blank line start a block of the post's choosing) and cannot turn into markup.
 */
const text = (s: string) => escapeControls(s).replace(/[\\`*_[\]<>|~&#]/g, '\\$&');

/** A code span that holds any text, backticks included, on one line. */
const code = (raw: string) => {
	const s = escapeControls(raw);
	const fence = '`'.repeat(Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
	return /^`|`$/.test(s) ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
};

const capped = (lines: string[]) =>
	lines.length > CAP ? [...lines.slice(0, CAP), `- … and ${lines.length - CAP} more`] : lines;

const problemLine = (p: Problem, mode: 'error' | 'warn') => {
	const cost = p.severity === 'error' && mode === 'warn' ? lenientCost(p) : undefined;
	const fix = p.fix ? `; ${p.fix}` : '';
	return `- ${code(p.line ? `${p.file}:${p.line}` : p.file)} ${text(`${cost ? `${cost}: ` : ''}${p.field}: ${p.message}${fix}`)}`;
};

/** The job summary for a build report (undefined when the build wrote none). */
export function renderSummary(report: BuildReport | undefined, options: SummaryOptions = {}): string {
	if (!report)
		return "## Course notes build: ❌ stopped\n\nNo build report: the build did not get through its content stage. See the job's log.\n";
	const ok = report.ok === true;
	const errors = [...report.errors, ...report.leftOut.flatMap((l) => l.problems)];
	const seconds = (s: number) => `${s.toFixed(1)} s`;
	const time =
		report.seconds === undefined
			? `${seconds(report.contentSeconds)} (content stage)`
			: `${seconds(report.seconds)} (content ${seconds(report.contentSeconds)})`;
	const lines = [
		`## Course notes build: ${ok ? '✅ built' : '❌ stopped'}`,
		'',
		'| Posts published | Left out | Warnings | Pages | Build time |',
		'| --: | --: | --: | --: | --: |',
		`| ${ok ? report.published : '—'} | ${report.leftOut.length} | ${report.warnings.length} | ${report.pages ?? '—'} | ${time} |`
	];
	if (!ok) {
		lines.push(
			'',
			stops([...errors, ...report.warnings], report.mode, report.warningsMode)
				? stopMessage(report.mode, report.warningsMode)
				: "The build stopped after its content stage: see the job's log."
		);
	}
	if (report.errors.length)
		lines.push('', '### Errors', '', ...capped(report.errors.map((p) => problemLine(p, report.mode))));
	if (report.leftOut.length) {
		const left = report.leftOut.flatMap((l) =>
			l.problems.length ? l.problems.map((p) => problemLine(p, 'error')) : [`- ${code(l.file)}`]
		);
		lines.push('', '### Left out', '', ...capped(left));
	}
	if (report.warnings.length)
		lines.push('', '### Warnings', '', ...capped(report.warnings.map((p) => problemLine(p, report.mode))));

	lines.push('', '### New or changed posts', '');
	if (!options.changed) lines.push('(unknown)');
	else if (!options.changed.length) lines.push('None.');
	else {
		const posts = new Map(report.posts.map((p) => [p.file, p]));
		const left = new Set(report.leftOut.map((l) => l.file));
		const drafts = new Set(report.drafts);
		const status = (file: string) => {
			const post = posts.get(file);
			if (post) {
				const title = options.siteUrl ? `[${text(post.title)}](${options.siteUrl}${post.url})` : text(post.title);
				return ok ? `published: ${title}` : `would be published (${title}), but the build stopped`;
			}
			if (left.has(file)) return 'left out (see above)';
			if (drafts.has(file)) return 'a draft, not published';
			return 'not in the build (removed, or skipped: see the warnings)';
		};
		lines.push(...capped(options.changed.map((file) => `- ${code(file)}: ${status(file)}`)));
	}
	return lines.join('\n') + '\n';
}

if (isMain(import.meta.url)) {
	const root = process.cwd();
	// Imported here only: read.ts loads the YAML parser, and build() imports this module for finishReport.
	const { POST_FILE } = await import('../src/lib/content/read');
	const changed = changedFiles(process.env.SUMMARY_BASE?.trim(), postsDir(), root)?.filter((f) => POST_FILE.test(f));
	const markdown = renderSummary(readReport(manifestFile(root)), {
		changed,
		siteUrl: process.env.SITE_URL?.trim() ? siteUrl() : undefined
	});
	const out = process.env.GITHUB_STEP_SUMMARY;
	if (out) appendFileSync(out, markdown);
	else process.stdout.write(markdown);
}
