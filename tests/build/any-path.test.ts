/**
 * The project works from a folder whose path has spaces and Vietnamese letters (`Ghi chép`): a regression test for
 * scripts that compared `import.meta.url` with `file://` + argv[1] and so silently did nothing there.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const COPY = ['src', 'scripts', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'tsconfig.json'];

describe('a project in a folder named "Ghi chép dự án"', () => {
	const parent = mkdtempSync(join(tmpdir(), 'any-path-'));
	const project = join(parent, 'Ghi chép dự án');
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
		mkdirSync(project);
		for (const entry of COPY) cpSync(resolve(entry), join(project, entry), { recursive: true });
		cpSync(resolve('tests/fixtures/site'), join(project, 'posts'), { recursive: true });
		symlinkSync(resolve('node_modules'), join(project, 'node_modules'), 'dir');
		build = npm('build');
		check = npm('check:posts');
	});
	afterAll(() => rmSync(parent, { recursive: true, force: true }));

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
