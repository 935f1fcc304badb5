/**
 * `npm run check:posts [-- [paths…] [--strict] [--fix] [--format json|github]]`: checks posts with the build's own
 * rules, without a build. With paths (files or folders in the posts folder) only those posts are reported; links to
 * other posts are still resolved against the whole folder. Errors exit 1; warnings exit 0, or 1 with `--strict` (or
 * `CONTENT_WARNINGS=error`), for a class's CI. `--fix` repairs mojibake in place where the repair is certain and lists
 * what it could not repair. `--format json` prints the problems for tools, `--format github` as GitHub Actions
 * annotations. An unknown option exits 2 with the list of known ones.
 */
import { readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { contentErrorsMode, contentWarningsMode, postsDir } from '../src/lib/env.js';
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
export async function fixMojibake(
	dir: string,
	root = process.cwd(),
	only: (abs: string) => boolean = () => true
): Promise<string[]> {
	const lines: string[] = [];
	for (const abs of listPosts(dir, root).files.filter(only)) {
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

/** The options `check:posts` knows, as its usage line lists them. */
export const OPTIONS = ['--strict', '--fix', '--format json|github', '--help'];
const USAGE = `Usage: npm run check:posts [-- [posts/x.md | posts/week-2/ …] ${OPTIONS.map((o) => `[${o}]`).join(' ')}]`;

/** The `--format` flag, as `--format github` or `--format=github`: `text` when absent, undefined when unknown. */
export function parseFormat(args: string[]): Format | undefined {
	const i = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
	if (i < 0) return 'text';
	const value = args[i] === '--format' ? args[i + 1] : args[i].slice('--format='.length);
	return value === 'json' || value === 'github' ? value : undefined;
}

export interface CheckArgs {
	format: Format;
	strict: boolean;
	fix: boolean;
	help: boolean;
	/** Files and folders to check, as given; empty: the whole posts folder. */
	paths: string[];
}

/** Reads the command line; `{ error }` names what is wrong (an unknown option, a format it does not know). */
export function parseArgs(args: string[]): CheckArgs | { error: string } {
	const parsed: CheckArgs = { format: 'text', strict: false, fix: false, help: false, paths: [] };
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--strict') parsed.strict = true;
		else if (a === '--fix') parsed.fix = true;
		else if (a === '--help' || a === '-h') parsed.help = true;
		else if (a === '--format' || a.startsWith('--format=')) {
			const format = parseFormat(args.slice(i));
			if (!format)
				return {
					error: `--format: expected json or github, saw ${JSON.stringify(a === '--format' ? (args[i + 1] ?? '') : a.slice(9))}`
				};
			parsed.format = format;
			if (a === '--format') i++;
		} else if (a === '--') continue;
		else if (a.startsWith('-'))
			return { error: `unknown option ${JSON.stringify(a)}; known options: ${OPTIONS.join(', ')}` };
		else parsed.paths.push(a);
	}
	return parsed;
}

/**
 * Which posts the given paths select: a test on a post's absolute path, or `{ error }` for a path that does not exist
 * or lies outside the posts folder (whose posts the check reads, so that links between posts resolve).
 */
export function selection(
	paths: string[],
	dir: string,
	cwd = process.cwd()
): ((abs: string) => boolean) | { error: string } {
	if (!paths.length) return () => true;
	const chosen: string[] = [];
	for (const path of paths) {
		const abs = resolve(cwd, path);
		if (!existsSync(abs)) return { error: `${path}: expected a post file or a folder of posts, saw nothing there` };
		const rel = relative(dir, abs);
		if (rel.startsWith('..') || resolve(dir, rel) !== abs)
			return {
				error: `${path}: expected a path inside the posts folder ${relative(cwd, dir) || '.'}, saw one outside it (set POSTS_DIR to check another folder)`
			};
		chosen.push(abs);
	}
	return (abs) => chosen.some((c) => abs === c || abs.startsWith(c.endsWith(sep) ? c : c + sep));
}

if (isMain(import.meta.url)) {
	const started = performance.now();
	const root = process.cwd();
	const dir = resolve(root, postsDir());
	const mode = contentErrorsMode();
	const args = parseArgs(process.argv.slice(2));
	if ('error' in args) {
		console.error(`${USAGE}\ncheck:posts: ${printable(args.error)}`);
		process.exit(2);
	}
	if (args.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const only = selection(args.paths, dir, root);
	if (typeof only !== 'function') {
		console.error(`${USAGE}\ncheck:posts: ${printable(only.error)}`);
		process.exit(2);
	}
	const warnings = args.strict ? 'error' : contentWarningsMode();
	const { format } = args;
	if (args.fix) {
		const lines = await fixMojibake(dir, root, only);
		console.log(lines.length ? lines.map(printable).join('\n') : 'No mojibake to repair.');
	}
	const content = await loadContent({ dir, root, staticDir: resolve(root, 'static'), base: '', mode: 'check' });
	// Every post is read (links between posts need them all); only the chosen ones are reported.
	const chosen = new Set(
		listPosts(dir, root)
			.files.filter(only)
			.map((abs) => relative(root, abs).split(sep).join('/'))
	);
	const inSelection = (p: { file: string; scope?: string }) =>
		!args.paths.length || p.scope === 'site' || chosen.has(p.file);
	const problems = sortProblems(content.problems.filter(inSelection));
	const checked = args.paths.length ? chosen.size : content.posts.length;
	const failed = stops(problems, mode, warnings);
	if (format === 'json') {
		console.log(
			logSafeJson({ posts: checked, leftOut: content.leftOut.filter((file) => inSelection({ file })), problems })
		);
	} else {
		if (format === 'github') for (const p of problems) console.log(formatGithub(p, mode, warnings));
		else if (problems.length) console.log(formatReport(problems, mode, warnings));
		const errors = problems.filter((p) => p.severity === 'error').length;
		const seconds = ((performance.now() - started) / 1000).toFixed(2);
		console.log(
			`${checked} post(s) checked in ${seconds} s: ${errors} error(s), ${problems.length - errors} warning(s).`
		);
		if (failed)
			console.error(
				stops(problems, mode)
					? 'Fix the errors above: the build stops on them.'
					: 'Fix the warnings above: --strict (or CONTENT_WARNINGS=error) fails on them.'
			);
	}
	if (failed) process.exitCode = 1;
}
