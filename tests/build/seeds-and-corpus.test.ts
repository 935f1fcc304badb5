import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { firstTag, listFiles } from '../helpers/html';
import { SHARED, hasShared } from '../helpers/shared';
import { read, site } from '../helpers/sites';
import { slugFromFileName } from '../../src/lib/text/slug';

describe.skipIf(!hasShared)('the five seed posts', () => {
	// Read when the tests run: a fork without ../shared never built this site.
	const s = hasShared ? site('seeds') : (undefined as never);
	const files = hasShared ? readdirSync(join(SHARED, 'seeds')).filter((f) => f.endsWith('.md')) : [];

	it('builds', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
	});

	it('shows mojibake titles repaired and names the files to fix', () => {
		expect(firstTag(read(s, 'posts/000-efed89fa0f00f6f7/index.html'), 'h1')).toBe('Tiến trình & Luồng');
		expect(firstTag(read(s, 'posts/001-01bfb444e0fec87a/index.html'), 'h1')).toBe('Tiến trình và luồng');
		expect(firstTag(read(s, 'posts/003-aacb3d7b625f15a4/index.html'), 'h1')).toBe('Distributed System notes 2');
		expect(s.output).toMatch(/seeds\/002_d7046d83bd5d4075\.md:\d+ encoding: expected UTF-8 text, saw mojibake/);
		expect(s.output).toContain('npm run check:posts -- --fix');
	});

	it('publishes all five, the one without frontmatter included', () => {
		expect(files).toHaveLength(5);
		for (const f of files) expect(listFiles(s.dir)).toContain(`posts/${slugFromFileName(f)}/index.html`);
	});
});

/** An independent reading of a frontmatter: is its date one the build must accept? */
function validFrontmatter(text: string): { ok: boolean; title?: string } {
	// An empty file is not a post (the build names it with a warning).
	if (!text.trim()) return { ok: false };
	const m = /^\uFEFF?\s*---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text);
	if (!m) return { ok: !/^\s*---\s*$/m.test(text.split('\n').find((l) => l.trim()) ?? '') };
	let data: Record<string, unknown>;
	try {
		data = (parse(m[1]) ?? {}) as Record<string, unknown>;
	} catch {
		return { ok: false };
	}
	for (const key of ['date', 'updated']) {
		const v = data[key];
		if (v === undefined || v === null || v === '') continue;
		const d = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(v instanceof Date ? v.toISOString() : String(v));
		if (!d) return { ok: false };
		const date = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]));
		if (date.getUTCMonth() + 1 !== +d[2] || date.getUTCDate() !== +d[3]) return { ok: false };
	}
	if (data.draft === true) return { ok: false };
	return { ok: true, title: typeof data.title === 'string' ? data.title.trim() : undefined };
}

describe.skipIf(!hasShared)('the corpus of real student posts (CONTENT_ERRORS=warn)', () => {
	const s = hasShared ? site('corpus') : (undefined as never);
	const dir = join(SHARED, 'corpus/posts');
	const files = hasShared ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];

	it('builds', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
	});

	it('publishes every post with valid frontmatter under its title', () => {
		const built = new Set(listFiles(s.dir));
		let published = 0;
		for (const f of files) {
			const expected = validFrontmatter(readFileSync(join(dir, f), 'utf8'));
			if (!expected.ok) continue;
			const page = `posts/${slugFromFileName(f)}/index.html`;
			expect(built, `${f} should be published`).toContain(page);
			if (expected.title) expect(firstTag(read(s, page), 'h1'), f).toBe(expected.title.normalize('NFC').replace(/\s+/g, ' '));
			published++;
		}
		expect(published).toBeGreaterThan(90);
	});

	it('publishes every post whose body can be read, even with a typo in a date', () => {
		const built = new Set(listFiles(s.dir));
		const published = files.filter((f) => built.has(`posts/${slugFromFileName(f)}/index.html`));
		console.log(`corpus: ${published.length} of ${files.length} real posts published in lenient mode`);
		// Only YAML that does not parse, an unclosed frontmatter, a draft or an empty file keeps a post out.
		for (const f of files) {
			if (built.has(`posts/${slugFromFileName(f)}/index.html`)) continue;
			const text = readFileSync(join(dir, f), 'utf8');
			const why = new RegExp(`corpus/posts/${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)? (frontmatter|file):`);
			expect(why.test(s.output) || /^\s*$/.test(text) || /^draft:\s*true/m.test(text), `${f} left out`).toBe(true);
		}
	});

	it('names every post it leaves out, with its reason', () => {
		const built = new Set(listFiles(s.dir));
		for (const f of files) {
			if (built.has(`posts/${slugFromFileName(f)}/index.html`)) continue;
			expect(s.output, `${f} is neither published nor named`).toMatch(new RegExp(`corpus/posts/${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)? \\S`));
		}
	});
});
