/**
 * The content cache's read path and its folder (issue 21: finding 2, a poisoned cache outlives the post; finding 10,
 * CONTENT_CACHE pointed at a folder of the user's deleted their files).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load';
import { formatProblem } from '../../../src/lib/content/problems';
import {
	CACHE_TAG,
	claimCacheDir,
	ContentCache,
	isClean,
	pipelineFiles,
	pipelineVersion,
	writeEntry,
	type Entry
} from '../../../src/lib/content/render/cache';
import type { Job } from '../../../src/lib/content/render/run';

let work = '';
beforeEach(() => {
	work = mkdtempSync(join(tmpdir(), 'content-cache-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const job: Job = { slug: 'bai', file: 'posts/bai.md', abs: '/x/posts/bai.md', body: 'Xin chào', title: 'Bài' };
const entry = (html: string, head = ''): Entry => ({
	rendered: { facts: {} as Entry['rendered']['facts'], references: [], level: 0 },
	file: { html, head }
});
const none = () => ({ kind: 'none' }) as never;

describe('a cached entry read back for publishing', () => {
	const MINE = 'a'.repeat(64);
	/** Another workspace's key: a cache restored from elsewhere (CI's actions/cache) carries its signatures, not ours. */
	const ELSEWHERE = 'b'.repeat(64);

	it('is used when its HTML is what the sanitiser makes of it, and signed by this workspace from then on', () => {
		const cache = new ContentCache(join(work, 'cache'), 'v1', MINE);
		const file = join(cache.dir, `${cache.key(job)}.json`);
		writeEntry(cache.dir, cache.key(job), entry('<p>Xin <strong>chào</strong></p>'), ELSEWHERE);
		const foreign = JSON.parse(readFileSync(file, 'utf8')).mac;
		expect(cache.get(job, none)?.file.html).toBe('<p>Xin <strong>chào</strong></p>');
		expect(cache.hits).toBe(1);
		expect(JSON.parse(readFileSync(file, 'utf8')).mac).not.toBe(foreign);
	});

	it('takes an entry this workspace signed without sanitising it again, and checks any other', () => {
		const cache = new ContentCache(join(work, 'cache'), 'v1', MINE);
		// Only the signature can tell this one apart: signed by this workspace, it is taken as the sanitiser's output.
		writeEntry(cache.dir, cache.key(job), entry('<p>a</p><!-- x -->'), MINE);
		expect(cache.get(job, none)?.file.html).toBe('<p>a</p><!-- x -->');
		const other = new ContentCache(join(work, 'cache'), 'v1', ELSEWHERE);
		expect(other.get(job, none)).toBeUndefined();
	});

	it('is not published, and is removed, when it holds a script or an event handler under a valid checksum', () => {
		const cache = new ContentCache(join(work, 'cache'), 'v1', MINE);
		const key = cache.key(job);
		writeEntry(
			cache.dir,
			key,
			entry('<p>Xin chào</p><script>alert(1)</script><img src="x" onerror="alert(2)">'),
			ELSEWHERE
		);
		const file = join(cache.dir, `${key}.json`);
		// The entry is whole: only the sanitiser can tell it from a real one.
		expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('sum');
		expect(cache.get(job, none)).toBeUndefined();
		expect(cache.hits).toBe(0);
		expect(existsSync(file)).toBe(false);
	});

	it('is not published when its head carries a script, or its HTML anything the sanitiser would change', () => {
		expect(isClean(entry('<p>a</p>', '<script src="https://evil.example/x.js"></script>').file)).toBe(false);
		expect(isClean(entry('<a href="javascript:alert(1)">x</a>').file)).toBe(false);
		expect(isClean(entry('<p style="position:fixed;inset:0">x</p>').file)).toBe(false);
		expect(isClean({ html: 1 } as never)).toBe(false);
		expect(isClean(entry('<p>Tiến trình</p>').file)).toBe(true);
	});
});

describe('the cache key', () => {
	it('changes with the sanitiser, and holds no code that renders no post (search, scripts)', () => {
		const lib = join(work, 'lib');
		mkdirSync(join(lib, 'content/render'), { recursive: true });
		mkdirSync(join(lib, 'markdown'), { recursive: true });
		writeFileSync(join(lib, 'content/render/worker.mjs'), "await import('../../markdown/sanitize.ts');");
		writeFileSync(join(lib, 'markdown', 'sanitize.ts'), 'export const v = 1;');
		const before = pipelineVersion(work, {}, lib);
		expect(pipelineVersion(work, {}, lib)).toBe(before);
		writeFileSync(join(lib, 'markdown', 'sanitize.ts'), 'export const v = 2;');
		expect(pipelineVersion(work, {}, lib)).not.toBe(before);
		expect(pipelineFiles()).toContain('markdown/sanitize.ts');
		expect(pipelineFiles().filter((f) => f.startsWith('search/') || f.includes('scripts/'))).toEqual([]);
	});

	it('follows the render worker’s imports, so code outside the listed folders is in the key too', () => {
		const lib = join(work, 'lib');
		mkdirSync(join(lib, 'content/render'), { recursive: true });
		mkdirSync(join(lib, 'content/extra'), { recursive: true });
		writeFileSync(join(lib, 'content/render/worker.mjs'), "const { a } = await import('../extra/a.ts');");
		writeFileSync(join(lib, 'content/extra/a.ts'), "import { b } from './b';\nexport const a = b;");
		writeFileSync(join(lib, 'content/extra/b.ts'), 'export const b = 1;');
		writeFileSync(join(lib, 'content/extra/unused.ts'), 'export const c = 1;');
		expect(pipelineFiles(lib)).toEqual(['content/extra/a.ts', 'content/extra/b.ts', 'content/render/worker.mjs']);
		const before = pipelineVersion(work, {}, lib);
		writeFileSync(join(lib, 'content/extra/b.ts'), 'export const b = 2;');
		expect(pipelineVersion(work, {}, lib)).not.toBe(before);
		// And in this project: the sanitiser, the link resolver and the components posts use.
		expect(pipelineFiles()).toEqual(
			expect.arrayContaining([
				'markdown/sanitize.ts',
				'content/links.ts',
				'components/Callout.svelte',
				'markdown/callout.ts'
			])
		);
	});
});

describe('the cache folder', () => {
	const claim = (dir: string) => claimCacheDir(dir, { root: work, own: join(work, '.cache/course-notes') });

	it('takes a missing or empty folder and marks it as the build’s', () => {
		expect(claim(join(work, 'new/cache'))).toBeUndefined();
		expect(readdirSync(join(work, 'new/cache'))).toEqual([CACHE_TAG]);
		mkdirSync(join(work, 'empty'));
		expect(claim(join(work, 'empty'))).toBeUndefined();
		expect(readFileSync(join(work, 'empty', CACHE_TAG), 'utf8')).toMatch(
			/^Signature: 8a477f597d28d172789f06886806bc55\n/
		);
		// Marked: taken again, with its entries.
		writeFileSync(join(work, 'empty', 'abc.json'), '{}');
		expect(claim(join(work, 'empty'))).toBeUndefined();
	});

	it('always takes the default folder, which is the build’s own', () => {
		mkdirSync(join(work, '.cache/course-notes'), { recursive: true });
		writeFileSync(join(work, '.cache/course-notes', 'abc.json'), '{}');
		expect(claim(join(work, '.cache/course-notes'))).toBeUndefined();
		expect(existsSync(join(work, '.cache/course-notes', CACHE_TAG))).toBe(true);
	});

	it('refuses a folder of the user’s, naming it, and touches nothing in it', () => {
		const mine = join(work, 'tai-lieu');
		mkdirSync(join(mine, 'images'), { recursive: true });
		writeFileSync(join(mine, 'diem.json'), '{"diem": 10}');
		writeFileSync(join(mine, 'images', 'anh.png'), 'png');
		// Another tool's cache tag is not ours.
		writeFileSync(join(mine, CACHE_TAG), 'Signature: 8a477f597d28d172789f06886806bc55\n# another tool\n');
		const problem = claim(mine);
		expect(problem).toMatchObject({ severity: 'error', scope: 'site', file: 'tai-lieu', field: 'CONTENT_CACHE' });
		expect(formatProblem(problem!)).toMatch(
			/^tai-lieu CONTENT_CACHE: expected a folder that is empty, missing or the build's own content cache \(marked by CACHEDIR\.TAG\), saw a folder of 3 other file\(s\) .*; nothing in it was touched; set CONTENT_CACHE to a new folder/
		);
		expect(claim(join(mine, 'diem.json'))?.message).toMatch(/saw a file/);
		expect(readdirSync(mine).sort()).toEqual([CACHE_TAG, 'diem.json', 'images']);
	});

	it('stops the build with that problem and deletes none of the folder’s files', async () => {
		const mine = join(work, 'tai-lieu');
		mkdirSync(join(mine, 'images', 'album'), { recursive: true });
		writeFileSync(join(mine, 'diem.json'), '{"diem": 10}');
		writeFileSync(join(mine, 'images', 'album', 'anh.png'), 'png');
		const posts = join(work, 'posts');
		mkdirSync(posts);
		writeFileSync(join(posts, 'bai.md'), '---\ntitle: Bài\ndate: 2025-05-11\n---\n\nXin chào ![ảnh](/images/a.png)\n');
		const root = join(work, 'project');
		mkdirSync(root);
		const content = await loadContent({
			dir: posts,
			root,
			staticDir: join(work, 'static'),
			base: '',
			mode: 'build',
			outDir: join(work, 'html'),
			cacheDir: mine
		});
		const refused = content.problems.filter((p) => p.field === 'CONTENT_CACHE');
		expect(refused).toEqual([expect.objectContaining({ scope: 'site', file: mine })]);
		expect(readdirSync(mine, { recursive: true, encoding: 'utf8' }).sort()).toEqual([
			'diem.json',
			'images',
			'images/album',
			'images/album/anh.png'
		]);
	}, 60_000);
});
