/** Git repositories made by the tests: commits at chosen times, no network, no user configuration. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file's content, or a symbolic link to `link`. */
export type Content = string | Buffer | { link: string };

export function tempDir(prefix = 'sources-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(dir: string, files: Record<string, Content>) {
	for (const [path, content] of Object.entries(files)) {
		const abs = join(dir, path);
		mkdirSync(dirname(abs), { recursive: true });
		rmSync(abs, { force: true });
		if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.link, abs);
		else writeFileSync(abs, content);
	}
}

export function gitIn(dir: string, args: string[], date = '2025-05-01T10:00:00+07:00'): string {
	return execFileSync(
		'git',
		[
			'-c',
			'core.hooksPath=/dev/null',
			'-c',
			'user.name=Test',
			'-c',
			'user.email=test@example.com',
			'-c',
			'commit.gpgsign=false',
			'-c',
			'init.defaultBranch=main',
			...args
		],
		{
			cwd: dir,
			env: {
				...process.env,
				GIT_CONFIG_NOSYSTEM: '1',
				GIT_CONFIG_GLOBAL: '/dev/null',
				GIT_AUTHOR_DATE: date,
				GIT_COMMITTER_DATE: date
			},
			encoding: 'utf8'
		}
	);
}

/** A repository at `dir` with one commit of `files` on `branch`. */
export function makeRepo(dir: string, files: Record<string, Content>, branch = 'main', date?: string): string {
	mkdirSync(dir, { recursive: true });
	gitIn(dir, ['init', '--quiet', '--initial-branch', branch]);
	commitFiles(dir, files, 'first', date);
	return dir;
}

export function commitFiles(dir: string, files: Record<string, Content>, message = 'change', date?: string) {
	writeFiles(dir, files);
	gitIn(dir, ['add', '--all'], date);
	gitIn(dir, ['commit', '--quiet', '--allow-empty', '-m', message], date);
}

export const post = (title: string, body = `Bài viết ${title}.`, extra = '') =>
	`---\ntitle: "${title}"\ndate: 2025-05-01\n${extra}---\n\n${body}\n`;
