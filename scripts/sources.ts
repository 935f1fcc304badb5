/**
 * `npm run sources`: fetches every student's source of the class file (lop.yaml, or CLASS_FILE) into the cache and
 * prints a line per student: posts found, new since the last fetch, what was left out, problems. Builds nothing.
 * Exits 0 unless the class file itself has errors (a source that cannot be fetched is a warning, as in the build).
 */
import { formatProblem, printable, type Problem } from '../src/lib/content/problems';
import { classFileValid, readClassFile } from '../src/lib/sources/class-file';
import { fetchSources, type SourceResult } from '../src/lib/sources/fetch';
import { isMain } from './main';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line for one student, e.g. `✔ Nguyễn Văn A (nguyen-van-a): 10 posts (2 new) from main@1a2b3c4; left out: …`. */
export function studentLine(result: SourceResult): string {
	const { student, layout } = result;
	const mark = result.status === 'failed' ? '✖' : result.status === 'cached' ? '⚠' : '✔';
	const who = `${student.name}${student.group ? `, ${student.group}` : ''} (${student.slug})`;
	if (!layout)
		return printable(`${mark} ${who}: left out, nothing fetched; ${plural(result.problems.length, 'problem')}`);
	const from = result.commit ? ` from ${result.branch}@${result.commit.slice(0, 7)}` : '';
	const state =
		result.status === 'cached'
			? ' (fetch failed: the last fetched copy)'
			: result.status === 'unchanged'
				? ' (unchanged)'
				: '';
	const left = Object.entries(layout.leftOut)
		.filter(([, n]) => n)
		.map(([reason, n]) => `${n} ${reason}`)
		.join(', ');
	return printable(
		`${mark} ${who}: ${plural(layout.posts.length, 'post')} (${result.newPosts.length} new)${from}${state}` +
			`${left ? `; left out: ${left}` : ''}; ${plural(result.problems.length, 'problem')}`
	);
}

/** Runs the command; returns its exit code. */
export async function runSources(
	root = process.cwd(),
	args: string[] = [],
	log: (line: string) => void = console.log
): Promise<number> {
	let timeLimitMs: number | undefined;
	for (const arg of args) {
		const limit = /^--time-limit=(\d+)$/.exec(arg);
		if (limit) timeLimitMs = Number(limit[1]) * 1000;
		else {
			log(`Unknown option ${printable(JSON.stringify(arg))}; known: --time-limit=SECONDS (per source, default 120)`);
			return 2;
		}
	}
	const classFile = readClassFile(root);
	if (!classFile) {
		log('No class file (lop.yaml, or CLASS_FILE): nothing to fetch. The site is built from the posts folder alone.');
		return 0;
	}
	const problems: Problem[] = [...classFile.problems];
	const results = await fetchSources(classFile.students, { root, classFile: classFile.file, timeLimitMs });
	log(`${classFile.file}: ${plural(classFile.students.length, 'student')}`);
	for (const result of results) log(`  ${studentLine(result)}`);
	for (const result of results) problems.push(...result.problems);
	if (problems.length) {
		log(`${plural(problems.length, 'problem')}:`);
		for (const p of problems) log(`  ${p.severity === 'error' ? '✖' : '⚠'} ${formatProblem(p)}`);
	}
	const posts = results.reduce((n, r) => n + (r.layout?.posts.length ?? 0), 0);
	const failed = results.filter((r) => r.status === 'failed').length;
	log(
		`${plural(posts, 'post')} from ${plural(results.length - failed, 'source')}${failed ? `, ${failed} left out` : ''}.`
	);
	if (!classFileValid(classFile)) {
		log(`The class file has errors: fix ${classFile.file} (students with an error are left out).`);
		return 1;
	}
	return 0;
}

if (isMain(import.meta.url)) {
	runSources(process.cwd(), process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(1);
		}
	);
}
