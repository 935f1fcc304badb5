/** `check:posts` and the build run the same stages: over every test site they must report the same problems. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../src/lib/content/problems';
import { buildableSites, site } from '../helpers/sites';

function check(env: Record<string, string>): { problems: Problem[]; code: number } {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-posts.ts', '--format', 'json'], {
		env: { ...process.env, CONTENT_ERRORS: '', POSTS_DIR: '', ...env },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	return { problems: (JSON.parse(r.stdout) as { problems: Problem[] }).problems, code: r.status ?? 1 };
}

/** The problem lines of a build's output: `✖ file:line field` and `⚠ …`, without the message. */
const reported = (output: string) => output.split('\n').filter((l) => /^ {2}[✖⚠] /.test(l));

describe('check:posts and the build report the same problems', () => {
	for (const spec of buildableSites()) {
		it(`on the ${spec.name} site`, () => {
			const built = site(spec.name);
			const { problems, code } = check(spec.env);
			const lines = reported(built.output);
			// Same problems (file, line, field and severity); a budget message may say time or memory.
			for (const p of problems) {
				const head = `  ${p.severity === 'error' ? '✖' : '⚠'} ${formatProblem({ ...p, message: '', fix: undefined }).replace(/ $/, '')}`;
				expect(
					lines.some((l) => l.startsWith(head)),
					`${head} is in the check but not in the build`
				).toBe(true);
			}
			expect(lines).toHaveLength(problems.length);
			expect(code === 0, 'the check fails exactly when the build does').toBe(built.code === 0);
		});
	}
});
