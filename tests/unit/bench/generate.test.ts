import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATEGORIES, LANGUAGES, generatePost, generatePosts } from '../../../bench/generate';

const COUNT = 40;
let root: string;
let dirA: string;
let files: string[];
let posts: string[];

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'bench-generate-'));
	dirA = join(root, 'a');
	generatePosts(dirA, COUNT);
	files = readdirSync(dirA).sort();
	posts = files.map((f) => readFileSync(join(dirA, f), 'utf8'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function split(text: string): { yaml: string; body: string } {
	const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
	if (!m) throw new Error('no frontmatter');
	return { yaml: m[1], body: text.slice(m[0].length) };
}

describe('generatePosts', () => {
	it('writes exactly the requested count, numbered from post-0001.md', () => {
		expect(files).toHaveLength(COUNT);
		expect(files[0]).toBe('post-0001.md');
		expect(files[COUNT - 1]).toBe(`post-${String(COUNT).padStart(4, '0')}.md`);
	});

	it('is deterministic for a seed and differs between seeds', () => {
		const dirB = join(root, 'b');
		generatePosts(dirB, COUNT);
		for (const f of files) expect(readFileSync(join(dirB, f), 'utf8')).toBe(readFileSync(join(dirA, f), 'utf8'));
		expect(generatePost(2, 0)).not.toBe(generatePost(1, 0));
	});

	it('gives post i the same text whatever the count', () => {
		const dirC = join(root, 'c');
		generatePosts(dirC, 5);
		expect(readFileSync(join(dirC, 'post-0005.md'), 'utf8')).toBe(posts[4]);
	});

	it('writes frontmatter that parses with yaml and fits the schema', () => {
		for (const text of posts) {
			const fm = parse(split(text).yaml);
			expect(typeof fm.title).toBe('string');
			expect(fm.title.length).toBeGreaterThan(0);
			expect(fm.date).toMatch(/^(2023|2024|2025|2026)-\d\d-\d\d$/);
			if (fm.updated !== undefined) expect(fm.updated > fm.date).toBe(true);
			expect(Array.isArray(fm.categories)).toBe(true);
			expect(fm.categories.length).toBeGreaterThanOrEqual(1);
			expect(fm.categories.length).toBeLessThanOrEqual(3);
			for (const c of fm.categories) expect(CATEGORIES).toContain(c);
			if (fm.excerpt !== undefined) expect(typeof fm.excerpt).toBe('string');
			if (fm.author !== undefined) expect(typeof fm.author).toBe('string');
		}
	});

	it('gives every post headings, fenced code, a table and a realistic size', () => {
		for (const text of posts) {
			const { body } = split(text);
			const headings = body.match(/^#{2,3} \S/gm) ?? [];
			expect(headings.length).toBeGreaterThanOrEqual(4);
			expect(headings.length).toBeLessThanOrEqual(8);
			const fences = [...body.matchAll(/^```(\w+)$/gm)].map((m) => m[1]);
			expect(fences.length).toBeGreaterThanOrEqual(2);
			expect(fences.length).toBeLessThanOrEqual(4);
			for (const lang of fences) expect(LANGUAGES).toContain(lang);
			expect(body).toMatch(/^\| :--- \|/m);
			const bytes = Buffer.byteLength(text);
			expect(bytes).toBeGreaterThan(4_500);
			expect(bytes).toBeLessThan(12_000);
		}
	});

	it('writes Vietnamese with tone marks and đ, and puts pipeline-breaking text in some posts', () => {
		const all = posts.join('\n');
		expect(all).toMatch(/đ/);
		expect(all).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
		expect(all).toContain('{a, b}');
		expect(all).toContain('a < b');
		expect(all).toContain('${HOME}');
		expect(all).toMatch(/^> \[!NOTE\]$/m);
		expect(all).toContain('$O(n \\log n)$');
	});
});
