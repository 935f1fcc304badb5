/** Which post pages a build keeps from the last one: only pages made from the same inputs and left as written. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptPages, movePages, postInputs, recordPages, reusableSite, siteKey } from '../../../scripts/page-reuse';

let root = '';
let site = '';
let record = '';
const inputs = { 'bai-1': 'a1', 'bai-2': 'b2', 'bai-3': 'c3' };

function writePage(dir: string, slug: string, text: string) {
	mkdirSync(join(dir, 'posts', slug), { recursive: true });
	writeFileSync(join(dir, 'posts', slug, 'index.html'), text);
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'page-reuse-'));
	site = join(root, 'build');
	record = join(root, 'pages.json');
	for (const slug of Object.keys(inputs)) writePage(site, slug, `<h1>${slug}</h1>`);
	recordPages(record, site, 'key-1', inputs);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('keptPages', () => {
	it('keeps every page when nothing changed', () => {
		expect(keptPages(record, site, 'key-1', inputs)).toEqual(['bai-1', 'bai-2', 'bai-3']);
	});

	it('keeps none when the site key, the folder or the record differs', () => {
		expect(keptPages(record, site, 'key-2', inputs)).toEqual([]);
		expect(keptPages(record, join(root, 'other'), 'key-1', inputs)).toEqual([]);
		writeFileSync(record, '{"key":');
		expect(keptPages(record, site, 'key-1', inputs)).toEqual([]);
		rmSync(record);
		expect(keptPages(record, site, 'key-1', inputs)).toEqual([]);
	});

	it('renders again a post whose body changed, a page edited or removed since, and a new post', () => {
		writePage(site, 'bai-2', '<h1>bai-2 (sửa tay)</h1>');
		rmSync(join(site, 'posts', 'bai-3'), { recursive: true });
		const now = { ...inputs, 'bai-1': 'a1-changed', 'bai-4': 'd4' };
		expect(keptPages(record, site, 'key-1', now)).toEqual([]);
		expect(keptPages(record, site, 'key-1', { ...inputs, 'bai-4': 'd4' })).toEqual(['bai-1']);
	});

	it('forgets the pages of a failed build', () => {
		recordPages(record, undefined, 'key-1', inputs);
		expect(keptPages(record, site, 'key-1', inputs)).toEqual([]);
	});
});

describe('reusableSite', () => {
	it('holds while the server and every file but the post pages and the search index are as recorded', () => {
		const server = join(root, '.svelte-kit', 'output', 'server');
		mkdirSync(server, { recursive: true });
		writeFileSync(join(server, 'index.js'), 'export {}');
		writeFileSync(join(site, 'index.html'), '<h1>Trang chủ</h1>');
		recordPages(record, site, 'key-1', inputs, root);
		expect(reusableSite(record, root, site, 'key-1', inputs)).toBe(true);
		// Post pages are checked one by one (keptPages), and the search index is written again.
		writePage(site, 'bai-2', '<h1>bai-2 (sửa tay)</h1>');
		mkdirSync(join(site, 'pagefind'));
		writeFileSync(join(site, 'pagefind', 'x.pf_meta'), 'x');
		expect(reusableSite(record, root, site, 'key-1', inputs)).toBe(true);
		expect(reusableSite(record, root, site, 'key-2', inputs)).toBe(false);
		writeFileSync(join(site, 'extra.html'), 'thêm');
		expect(reusableSite(record, root, site, 'key-1', inputs)).toBe(false);
		rmSync(join(site, 'extra.html'));
		writeFileSync(join(site, 'index.html'), '<h1>Trang chủ (sửa tay)</h1>');
		expect(reusableSite(record, root, site, 'key-1', inputs)).toBe(false);
		writeFileSync(join(site, 'index.html'), '<h1>Trang chủ</h1>');
		expect(reusableSite(record, root, site, 'key-1', inputs)).toBe(true);
		writeFileSync(join(server, 'index.js'), 'export const x = 1;');
		expect(reusableSite(record, root, site, 'key-1', inputs)).toBe(false);
	});
});

describe('movePages', () => {
	it('sets pages aside and puts them back unchanged', () => {
		const held = join(root, 'held');
		movePages(site, held, ['bai-1', 'bai-3']);
		expect(readFileSync(join(held, 'posts', 'bai-1', 'index.html'), 'utf8')).toBe('<h1>bai-1</h1>');
		rmSync(site, { recursive: true });
		movePages(held, site, ['bai-1', 'bai-3']);
		expect(readFileSync(join(site, 'posts', 'bai-3', 'index.html'), 'utf8')).toBe('<h1>bai-3</h1>');
	});
});

describe('siteKey and postInputs', () => {
	it('change with the code, the settings and the listing facts, and follow each rendered body', () => {
		mkdirSync(join(root, 'src'));
		writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;');
		const htmlDir = join(root, 'html');
		mkdirSync(htmlDir);
		writeFileSync(join(htmlDir, 'bai-1.json'), '{"html":"<p>1</p>"}');
		const facts = { posts: [{ slug: 'bai-1' }], categories: [], images: {}, media: {}, htmlDir };
		const key = siteKey(root, facts, { base: '' });
		expect(siteKey(root, facts, { base: '' })).toBe(key);
		expect(siteKey(root, facts, { base: '/notes' })).not.toBe(key);
		expect(siteKey(root, { ...facts, posts: [{ slug: 'bai-1' }, { slug: 'bai-2' }] }, { base: '' })).not.toBe(key);
		writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 2;');
		expect(siteKey(root, facts, { base: '' })).not.toBe(key);
		const before = postInputs(facts)['bai-1'];
		writeFileSync(join(htmlDir, 'bai-1.json'), '{"html":"<p>2</p>"}');
		expect(postInputs(facts)['bai-1']).not.toBe(before);
	});
});
