/**
 * `npm run check:posts [-- --fix]`: checks every post with the build's own rules, without a build. Errors exit 1,
 * warnings exit 0. `--fix` repairs mojibake in place where the repair is certain and lists what it could not repair.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { contentErrorsMode, postsDir } from '../src/lib/env.js';
import { listPosts, loadContent } from '../src/lib/content/load';
import { formatReport } from '../src/lib/content/problems';
import { analyzeMojibake, looksLikeMojibake } from '../src/lib/text/mojibake';

/** Repairs mojibake in the files of `dir`; returns one line per file changed or left with lost bytes. */
export async function fixMojibake(dir: string, root = process.cwd()): Promise<string[]> {
	const lines: string[] = [];
	for (const abs of await listPosts(dir)) {
		const raw = readFileSync(abs, 'utf8');
		if (!looksLikeMojibake(raw)) continue;
		const report = analyzeMojibake(raw);
		if (!report.found) continue;
		const file = relative(root, abs).split('\\').join('/');
		const certain = report.spots.filter((s) => s.certain);
		const uncertain = report.spots.filter((s) => !s.certain);
		if (certain.length && report.repaired !== raw) {
			writeFileSync(abs, report.repaired);
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

if (import.meta.url === `file://${process.argv[1]}`) {
	const started = performance.now();
	const root = process.cwd();
	const dir = resolve(root, postsDir());
	if (process.argv.includes('--fix')) {
		const lines = await fixMojibake(dir, root);
		console.log(lines.length ? lines.join('\n') : 'No mojibake to repair.');
	}
	const content = await loadContent({ dir, root, staticDir: resolve(root, 'static'), base: '', compile: false });
	const errors = content.problems.filter((p) => p.severity === 'error');
	if (content.problems.length) console.log(formatReport(content.problems, contentErrorsMode()));
	const seconds = ((performance.now() - started) / 1000).toFixed(2);
	console.log(
		`${content.posts.length} post(s) checked in ${seconds} s: ${errors.length} error(s), ${content.problems.length - errors.length} warning(s).`
	);
	if (errors.length) {
		console.error('Fix the errors above: the build stops on them.');
		process.exitCode = 1;
	}
}
