import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import { site } from '../helpers/sites';
import { dropTwins } from '../../src/lib/search/ui.js';

/** Pagefind's own search API (the bundle the site ships), run in Node against the fixture site's index over HTTP. */
interface Pagefind {
	options(o: Record<string, unknown>): Promise<void>;
	search(q: string, o?: Record<string, unknown>): Promise<{ results: { data(): Promise<Result> }[] }>;
}
interface Result {
	url: string;
	meta: Record<string, string>;
	excerpt: string;
	sub_results: { url: string; title: string }[];
}

describe('the search index of the fixture site (BASE_PATH=/my-notes)', () => {
	const s = site('fixtures');
	let server: StaticServer;
	let pagefind: Pagefind;

	beforeAll(async () => {
		server = await serveStatic(s.dir, { base: s.base });
		const copy = join(mkdtempSync(join(tmpdir(), 'pagefind-')), 'pagefind.mjs');
		copyFileSync(join(s.dir, 'pagefind/pagefind.js'), copy);
		pagefind = (await import(/* @vite-ignore */ pathToFileURL(copy).href)) as Pagefind;
		await pagefind.options({ basePath: `${server.url}pagefind/`, baseUrl: `${s.base}/` });
	});
	afterAll(() => server?.close());

	const search = async (q: string, filters?: Record<string, string>) => {
		const r = await pagefind.search(q, filters ? { filters } : {});
		return Promise.all(r.results.slice(0, 10).map((x) => x.data()));
	};

	it('finds "Định danh" from "dinh danh" typed without accents, through the twins of words with đ', async () => {
		const results = await search('dinh danh');
		const hit = results.find((r) => r.url === '/my-notes/posts/tim-kiem/');
		expect(hit, JSON.stringify(results.map((r) => r.url))).toBeDefined();
		expect(hit!.meta.title).toBe('Định danh và đồng bộ');
		expect(dropTwins(hit!.excerpt.replace(/<\/?mark>/g, ''))).toMatch(/Định danh/i);
		// One entry per page: no second copy of it.
		expect(new Set(results.map((r) => r.url)).size).toBe(results.length);
	});

	it('puts exact-accent matches first', async () => {
		const results = await search('định danh');
		expect(results[0].url).toBe('/my-notes/posts/tim-kiem/');
		const plain = await search('dinh danh');
		// Typed without accents, the post that really says "dinh … danh" ranks above the one that says "Định danh".
		expect(plain[0].url).toBe('/my-notes/posts/dinh-ten/');
	});

	it('folds tone marks: "tien trinh" finds "tiến trình", "dong bo" finds "đồng bộ"', async () => {
		expect((await search('tien trinh')).map((r) => r.url.split('?')[0])).toContain('/my-notes/posts/tim-kiem/');
		expect((await search('dong bo')).map((r) => r.url.split('?')[0])).toContain('/my-notes/posts/tim-kiem/');
	});

	it('links results to the heading where the match is', async () => {
		const [hit] = await search('định danh');
		expect(hit.sub_results.map((sub) => sub.url)).toContain('/my-notes/posts/tim-kiem/#dinh-danh-trong-he-thong-phan-tan');
	});

	it('filters by category', async () => {
		const inCategory = await search('định danh', { category: 'Tìm kiếm' });
		expect([...new Set(inCategory.map((r) => r.url.split('?')[0]))]).toEqual(['/my-notes/posts/tim-kiem/']);
		expect(await search('định danh', { category: 'AI' })).toEqual([]);
	});
});
