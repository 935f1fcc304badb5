/**
 * The content cache: a warm build renders nothing it has already rendered and writes the same bytes as a cold one;
 * a corrupt entry is rendered again; a changed setting or dependency makes every entry stale.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineVersion } from '../../src/lib/content/render/cache';
import { listFiles } from '../helpers/html';
import { copyProject } from '../helpers/project-copy';

const project = copyProject('site', 'posts');
const work = mkdtempSync(join(tmpdir(), 'cache-test-'));
const cache = join(work, 'cache');

function build(name: string, env: Record<string, string> = {}) {
	const dir = join(work, name);
	const r = spawnSync('npm', ['run', 'build'], {
		cwd: project.dir,
		env: { ...process.env, POSTS_DIR: 'posts', BASE_PATH: '', CONTENT_ERRORS: '', ...env, CONTENT_CACHE: cache, BUILD_DIR: dir },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const counts = /\((\d+) rendered, (\d+) from the cache\)/.exec(r.stdout);
	const kept = Number(/(\d+) unchanged post page\(s\) kept/.exec(r.stdout)?.[1] ?? 0);
	// Without Vite: the last build's server renders the post pages that changed into the site as it was.
	const pagesOnly = /pages: (\d+) post page\(s\) rendered in [\d.]+ s, the rest of the site kept/.exec(r.stdout);
	return {
		dir,
		code: r.status,
		output: r.stdout + r.stderr,
		rendered: Number(counts?.[1]),
		cached: Number(counts?.[2]),
		kept,
		pagesOnly: pagesOnly ? Number(pagesOnly[1]) : undefined
	};
}

/** Every file of a built site with its bytes. */
const snapshot = (dir: string) => new Map(listFiles(dir).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
type Snapshot = ReturnType<typeof snapshot>;

describe('the content cache', () => {
	let cold: ReturnType<typeof build>;
	let warm: ReturnType<typeof build>;
	let repaired: ReturnType<typeof build>;
	let rebased: ReturnType<typeof build>;
	let again: ReturnType<typeof build>;
	let fresh: ReturnType<typeof build>;
	let rebuilt: ReturnType<typeof build>;
	const snaps: Record<string, Snapshot> = {};
	let tampered = '';
	let edited = '';
	let posts: string[] = [];
	const sites: Record<'cold' | 'warm' | 'repaired', Snapshot> = {} as never;

	beforeAll(() => {
		cold = build('cold');
		sites.cold = snapshot(cold.dir);
		warm = build('warm');
		sites.warm = snapshot(warm.dir);
		// Damage one entry: it must be rendered again, never published as it is.
		const entry = readdirSync(cache).find((f) => f.endsWith('.json'))!;
		writeFileSync(join(cache, entry), readFileSync(join(cache, entry), 'utf8').slice(0, 200));
		repaired = build('repaired');
		sites.repaired = snapshot(repaired.dir);
		// Into the same folder again, after editing one post and damaging the page of another: only those two pages are
		// rendered again, without Vite.
		posts = readdirSync(join(project.dir, 'posts'))
			.filter((f) => f.endsWith('.md'))
			.sort();
		edited = posts[0];
		const file = join(project.dir, 'posts', edited);
		writeFileSync(file, readFileSync(file, 'utf8') + '\n\nMột đoạn thêm vào sau lần build trước.\n');
		tampered = join(repaired.dir, 'posts', posts[1].replace(/\.md$/, ''), 'index.html');
		writeFileSync(tampered, readFileSync(tampered, 'utf8').replace('</h1>', ' (sửa tay)</h1>'));
		again = build('repaired');
		snaps.again = snapshot(again.dir);
		// Then a listing page damaged: Vite must run, and every post page is kept.
		writeFileSync(join(repaired.dir, 'index.html'), 'sửa tay');
		rebuilt = build('repaired');
		// Last, since a build remembers only the folder it wrote: the same posts into a new one.
		fresh = build('fresh');
		rebased = build('rebased', { BASE_PATH: '/ghi-chep' });
	});
	afterAll(() => {
		rmSync(work, { recursive: true, force: true });
		project.remove();
	});

	it('renders every post on a cold build and none on a warm one', () => {
		expect(cold.code, cold.output.slice(-2000)).toBe(0);
		expect(warm.code, warm.output.slice(-2000)).toBe(0);
		expect(cold.cached).toBe(0);
		expect(cold.rendered).toBeGreaterThan(0);
		expect(warm.rendered).toBe(0);
		expect(warm.cached).toBe(cold.rendered);
	});

	it('writes byte-identical sites from a cold and a warm build, _app/version.json included', () => {
		const [a, b] = [sites.cold, sites.warm];
		expect([...b.keys()]).toEqual([...a.keys()]);
		for (const [file, bytes] of a) expect(b.get(file) === bytes, file).toBe(true);
		expect(a.has('_app/version.json')).toBe(true);
	});

	it('renders a corrupt entry again and publishes the same site', () => {
		expect(repaired.code).toBe(0);
		expect(repaired.rendered).toBe(1);
		const [a, c] = [sites.cold, sites.repaired];
		for (const [file, bytes] of a) expect(c.get(file) === bytes, file).toBe(true);
	});

	it('renders only an edited post and a damaged post page when the rest of the site is as the last build left it', () => {
		expect(again.code, again.output.slice(-2000)).toBe(0);
		expect(again.rendered).toBe(1);
		expect(again.pagesOnly).toBe(2);
		expect(again.output).not.toContain('rendered and prerendered by Vite');
		expect(readFileSync(join(repaired.dir, 'posts', edited.replace(/\.md$/, ''), 'index.html'), 'utf8')).toContain(
			'Một đoạn thêm vào sau lần build trước.'
		);
		expect(fresh.kept).toBe(0);
		expect(fresh.pagesOnly).toBeUndefined();
		const a = snapshot(fresh.dir);
		const b = snaps.again;
		expect([...b.keys()]).toEqual([...a.keys()]);
		for (const [file, bytes] of a) expect(b.get(file) === bytes, file).toBe(true);
		expect(b.get(tampered.slice(repaired.dir.length + 1))).not.toContain(Buffer.from('(sửa tay)').toString('base64'));
	});

	it('keeps the pages of unchanged posts when Vite must run, and writes the same site', () => {
		expect(rebuilt.code, rebuilt.output.slice(-2000)).toBe(0);
		expect(rebuilt.pagesOnly).toBeUndefined();
		expect(rebuilt.kept).toBe(posts.length);
		const a = snapshot(fresh.dir);
		const b = snapshot(rebuilt.dir);
		expect([...b.keys()]).toEqual([...a.keys()]);
		for (const [file, bytes] of a) expect(b.get(file) === bytes, file).toBe(true);
	});

	it('renders everything again when a setting that changes rendering changes', () => {
		expect(rebased.code).toBe(0);
		expect(rebased.cached).toBe(0);
		expect(rebased.rendered).toBe(cold.rendered);
	});

	it('changes its version when a dependency or a setting changes', () => {
		const root = mkdtempSync(join(tmpdir(), 'cache-version-'));
		writeFileSync(join(root, 'package-lock.json'), '{"packages":{"node_modules/shiki":{"version":"4.6.0"}}}');
		const before = pipelineVersion(root, { base: '', trust: 'content' });
		expect(pipelineVersion(root, { base: '', trust: 'content' })).toBe(before);
		expect(pipelineVersion(root, { base: '', trust: 'author' })).not.toBe(before);
		writeFileSync(join(root, 'package-lock.json'), '{"packages":{"node_modules/shiki":{"version":"4.6.1"}}}');
		expect(pipelineVersion(root, { base: '', trust: 'content' })).not.toBe(before);
		rmSync(root, { recursive: true, force: true });
	});
});

