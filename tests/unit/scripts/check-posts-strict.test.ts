/**
 * Issue 25, point 3: `check:posts` checks the files or folders it is given, fails on warnings with --strict (or
 * CONTENT_WARNINGS=error), and refuses options it does not know. A teacher's CI runs
 * `npm run check:posts -- --strict --format github` and must fail on any warning.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, selection } from '../../../scripts/check-posts';
import { contentWarningsMode } from '../../../src/lib/env.js';

const run = (posts: string, env: Record<string, string>, ...args: string[]) =>
	spawnSync('npm', ['run', '--silent', 'check:posts', '--', ...args], {
		env: { ...process.env, POSTS_DIR: posts, CONTENT_ERRORS: '', CONTENT_WARNINGS: '', ...env },
		encoding: 'utf8'
	});

describe('check:posts arguments', () => {
	it('reads paths, --strict, --fix and both spellings of --format', () => {
		expect(parseArgs(['posts/a.md', '--strict', '--format', 'github', 'posts/tuan-2'])).toEqual({
			format: 'github',
			strict: true,
			fix: false,
			help: false,
			paths: ['posts/a.md', 'posts/tuan-2']
		});
		expect(parseArgs(['--format=json', '--fix'])).toMatchObject({ format: 'json', fix: true, paths: [] });
	});

	it('refuses an unknown option with the list of known ones', () => {
		expect(parseArgs(['--strcit'])).toEqual({
			error: 'unknown option "--strcit"; known options: --strict, --fix, --format json|github, --help'
		});
		expect(parseArgs(['--format', 'xml'])).toEqual({ error: '--format: expected json or github, saw "xml"' });
	});

	it('selects files and folders inside the posts folder, and refuses others', () => {
		const dir = resolve('tests/fixtures/hints');
		const only = selection(['tests/fixtures/hints/lien-ket.md'], dir);
		if (typeof only !== 'function') throw new Error(only.error);
		expect(only(resolve(dir, 'lien-ket.md'))).toBe(true);
		expect(only(resolve(dir, 'mau.md'))).toBe(false);
		expect(selection(['tests/fixtures/site/links.md'], dir)).toMatchObject({
			error: expect.stringContaining('inside the posts folder')
		});
		expect(selection(['tests/fixtures/hints/khong-co.md'], dir)).toMatchObject({
			error: expect.stringContaining('saw nothing there')
		});
	});

	it('reads CONTENT_WARNINGS in one place', () => {
		expect(contentWarningsMode('error')).toBe('error');
		expect(contentWarningsMode(' ERROR ')).toBe('error');
		expect(contentWarningsMode('')).toBe('warn');
		expect(contentWarningsMode(undefined)).toBe('warn');
	});
});

describe('npm run check:posts in a class CI', () => {
	it('exits 2 on an unknown option, naming the known ones', () => {
		const r = run('tests/fixtures/hints-clean', {}, '--strict', '--formt', 'github');
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('known options: --strict, --fix, --format json|github, --help');
	});

	it('-- --strict --format github fails on a warning, shown as an error annotation', () => {
		const dir = 'tests/fixtures/hints';
		const lenient = run(dir, {}, 'tests/fixtures/hints/starter.md', '--format', 'github');
		expect(lenient.status, lenient.stderr).toBe(0);
		expect(lenient.stdout).toMatch(/^::warning file=tests\/fixtures\/hints\/starter\.md,line=12,title=heading::/m);
		const strict = run(dir, {}, 'tests/fixtures/hints/starter.md', '--strict', '--format', 'github');
		expect(strict.status).toBe(1);
		expect(strict.stdout).toMatch(
			/^::error file=tests\/fixtures\/hints\/starter\.md,line=12,title=heading::expected the title once/m
		);
		expect(strict.stdout).toMatch(/^1 post\(s\) checked in [\d.]+ s: 0 error\(s\), 1 warning\(s\)\.$/m);
		// CONTENT_WARNINGS=error, as a workflow sets it for the build too.
		expect(run(dir, { CONTENT_WARNINGS: 'error' }, 'tests/fixtures/hints/starter.md').status).toBe(1);
	});

	it('passes with --strict on posts without warnings', () => {
		const r = run('tests/fixtures/hints-clean', {}, '--strict', '--format', 'github');
		expect(r.status, r.stdout + r.stderr).toBe(0);
		expect(r.stdout.trim()).toMatch(/^1 post\(s\) checked in [\d.]+ s: 0 error\(s\), 0 warning\(s\)\.$/);
	});

	it('reports only the posts it is given, resolving their links against the whole folder', () => {
		const r = run('tests/fixtures/hints', {}, 'tests/fixtures/hints/lien-ket.md');
		expect(r.status).toBe(1);
		const files = new Set([...r.stdout.matchAll(/tests\/fixtures\/hints\/[\w-]+\.md(?=:\d)/g)].map((m) => m[0]));
		expect([...files]).toEqual(['tests/fixtures/hints/lien-ket.md']);
		// The correct link to dong-bo-hoa-dong-ho.md#2-thuat-toan-cristian (line 14) resolves.
		expect(r.stdout).not.toContain('lien-ket.md:14');
		expect(r.stdout).toContain('did you mean ./dong-bo-hoa-dong-ho.md#2-thuat-toan-cristian?');
		expect(r.stdout).toContain('did you mean #ket-luan?');
		expect(r.stdout).toMatch(/lien-ket\.md:10 image: expected hinh\/Dong-Ho\.GIF spelled as the file is named/);
	});
});
