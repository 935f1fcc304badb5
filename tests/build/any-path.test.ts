/**
 * The project works from a folder whose path has spaces and Vietnamese letters (`Ghi chép`): a regression test for
 * scripts that compared `import.meta.url` with `file://` + argv[1] and so silently did nothing there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject } from '../helpers/project-copy';

describe('a project in a folder named "Ghi chép dự án"', () => {
	const copy = copyProject('Ghi chép dự án', 'tests/fixtures/site');
	const project = copy.dir;
	let build: ReturnType<typeof spawnSync>;
	let check: ReturnType<typeof spawnSync>;
	const npm = (...args: string[]) =>
		spawnSync('npm', ['run', ...args], {
			cwd: project,
			env: { ...process.env, POSTS_DIR: '', BUILD_DIR: '', BASE_PATH: '', CONTENT_ERRORS: '', FORCE_COLOR: '0' },
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024
		});

	beforeAll(() => {
		build = npm('build');
		check = npm('check:posts');
	});
	afterAll(() => copy.remove());

	it('builds the site with its search index, KaTeX files and the images beside posts', () => {
		expect(build.status, String(build.stdout) + String(build.stderr)).toBe(0);
		const site = join(project, 'build');
		expect(existsSync(join(site, 'pagefind/pagefind.js'))).toBe(true);
		expect(existsSync(join(site, 'katex/katex.min.css'))).toBe(true);
		expect(existsSync(join(site, 'media/hinh/so-do.svg'))).toBe(true);
		expect(String(build.stdout)).toMatch(/postbuild: [1-9]\d* file\(s\) beside posts copied/);
	});

	it('checks the posts', () => {
		expect(check.status).toBe(0);
		expect(String(check.stdout)).toMatch(/\d+ post\(s\) checked in [\d.]+ s: 0 error\(s\)/);
	});
});
