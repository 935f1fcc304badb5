/**
 * `npm run check:posts [-- --fix --format json|github]`: checks every post with the build's own rules, without a
 * build. Errors exit 1, warnings exit 0. `--fix` repairs mojibake in place where the repair is certain and lists what it
 * could not repair. `--format json` prints the problems for tools, `--format github` as GitHub Actions annotations.
 */
import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { contentErrorsMode, postsDir } from '../src/lib/env.js';
import { loadContent } from '../src/lib/content/load';
import { listPosts } from '../src/lib/content/read';
import { formatGithub, formatReport, logSafeJson, printable, sortProblems, stops } from '../src/lib/content/problems';
import { analyzeMojibake, looksLikeMojibake, markdownCodeRanges } from '../src/lib/text/mojibake';
import { isMain } from './main';

/**
 * Replaces a file whole: the new text goes to a hidden file beside it, which is renamed over it, so a post is never
 * left half-written (the build skips files whose names start with ".").
 */
export function replaceFile(abs: string, text: string): void {
	// the file a link inside the posts folder points at is replaced, not the link; its permissions are kept
	const target = realpathSync(abs);
	const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.fix.tmp`);
	try {
		writeFileSync(temporary, text, { mode: statSync(target).mode & 0o7777 });
		renameSync(temporary, target);
	} catch (error) {
		rmSync(temporary, { force: true });
		throw error;
	}
}

/**
 * Repairs mojibake in the files of `dir`; returns one line per file changed or left with lost bytes. Only UTF-8 files
 * are touched (the check names the others), and only outside code: mojibake shown as an example stays as written.
 */
export async function fixMojibake(dir: string, root = process.cwd()): Promise<string[]> {
	const lines: string[] = [];
	for (const abs of listPosts(dir, root).files) {
		let raw: string;
		try {
			raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(abs));
		} catch {
			continue;
		}
		if (!looksLikeMojibake(raw)) continue;
		const report = analyzeMojibake(raw, { skip: markdownCodeRanges(raw) });
		if (!report.found) continue;
		const file = relative(root, abs).split('\\').join('/');
		const certain = report.spots.filter((s) => s.certain);
		const uncertain = report.spots.filter((s) => !s.certain);
		if (certain.length && report.repaired !== raw) {
			replaceFile(abs, report.repaired);
			lines.push(
				`fixed ${file}: ${certain.length} spot${certain.length > 1 ? 's' : ''} repaired (${report.cause ?? 'mojibake'})`
			);
		}
		for (const spot of uncertain) {
			lines.push(
				`  ${file}:${spot.line}:${spot.column} left as it is: "${spot.before}" lost bytes${spot.after ? `; probably "${spot.after}"` : ''}, fix it by hand`
			);
		}
	}
	return lines;
}

/** How `check:posts` prints problems: `text` for people, `json` for tools, `github` as workflow commands. */
export type Format = 'text' | 'json' | 'github';

const USAGE = 'Usage: npm run check:posts [-- [--fix] [--format json|github]]';

/** The `--format` flag, as `--format github` or `--format=github`: `text` when absent, undefined when unknown. */
export function parseFormat(args: string[]): Format | undefined {
	const i = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
	if (i < 0) return 'text';
	const value = args[i] === '--format' ? args[i + 1] : args[i].slice('--format='.length);
	return value === 'json' || value === 'github' ? value : undefined;
}

if (isMain(import.meta.url)) {
	const started = performance.now();
	const root = process.cwd();
	const dir = resolve(root, postsDir());
	const mode = contentErrorsMode();
	const format = parseFormat(process.argv.slice(2));
	if (!format) {
		console.error(USAGE);
		process.exit(2);
	}
	if (process.argv.includes('--fix')) {
		const lines = await fixMojibake(dir, root);
		console.log(lines.length ? lines.map(printable).join('\n') : 'No mojibake to repair.');
	}
	const content = await loadContent({ dir, root, staticDir: resolve(root, 'static'), base: '', mode: 'check' });
	const problems = sortProblems(content.problems);
	const failed = stops(problems, mode);
	if (format === 'json') {
		console.log(logSafeJson({ posts: content.posts.length, leftOut: content.leftOut, problems }));
	} else {
		if (format === 'github') for (const p of problems) console.log(formatGithub(p, mode));
		else if (problems.length) console.log(formatReport(problems, mode));
		const errors = problems.filter((p) => p.severity === 'error').length;
		const seconds = ((performance.now() - started) / 1000).toFixed(2);
		console.log(
			`${content.posts.length} post(s) checked in ${seconds} s: ${errors} error(s), ${problems.length - errors} warning(s).`
		);
		if (failed) console.error('Fix the errors above: the build stops on them.');
	}
	if (failed) process.exitCode = 1;
}
