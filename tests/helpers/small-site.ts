/**
 * A small site for one browser test file: a few fixture posts built by `npm run build` in the test's own copy of the
 * project (tests/helpers/project-copy.ts), with the settings the file needs. One build per file, and a few posts only:
 * the machine's 2 cores are shared with the other tests.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { copyProject } from './project-copy';
import type { BuiltSite } from './sites';

export interface SmallSite extends BuiltSite {
	/** The project copy the site was built in (its posts folder is `posts/`). */
	project: string;
	remove(): void;
}

/** Builds `files` (paths of fixture posts) as the posts of a copy of the project named `name`. */
export async function buildSmallSite(name: string, files: string[], env: Record<string, string>): Promise<SmallSite> {
	const posts = mkdtempSync(join(tmpdir(), 'posts-'));
	for (const file of files) copyFileSync(resolve(file), join(posts, basename(file)));
	const copy = copyProject(name, posts);
	rmSync(posts, { recursive: true, force: true });
	const started = performance.now();
	// As a student's shell runs it: not with the test runner's NODE_ENV=test, nor the settings of the shared sites.
	const { NODE_ENV: _testEnv, ...inherited } = process.env;
	const child = spawn('npm', ['run', 'build'], {
		cwd: copy.dir,
		env: { ...inherited, POSTS_DIR: '', BUILD_DIR: '', BASE_PATH: '', CONTENT_ERRORS: '', FORCE_COLOR: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const chunks: Buffer[] = [];
	child.stdout.on('data', (c: Buffer) => chunks.push(c));
	child.stderr.on('data', (c: Buffer) => chunks.push(c));
	const code = await new Promise<number>((done) => child.once('close', (c) => done(c ?? 1)));
	return {
		name,
		dir: join(copy.dir, 'build'),
		code,
		output: Buffer.concat(chunks).toString('utf8'),
		seconds: (performance.now() - started) / 1000,
		peakMb: 0,
		base: env.BASE_PATH ?? '',
		project: copy.dir,
		remove: copy.remove
	};
}
