import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeSource, splitFrontmatter } from '../../../src/lib/content/source';
import { renderMarkdown, textOf } from '../../helpers/render';

/** Markup with whitespace collapsed and none beside tags: what Svelte's whitespace rules change, and a reader never sees. */
const markup = (html: string) =>
	html
		.replace(/\s+/g, ' ')
		.replace(/\s*(<[^>]+>)\s*/g, '$1')
		.trim();

describe('a post in Markdown alone skips Svelte', () => {
	it('is returned as HTML, with no component compiled', async () => {
		const post = await renderMarkdown('# Tiêu đề\n\nĐoạn **đậm** và `mã`.\n\n```js\nconst a = {b: 1};\n```\n', {
			plainHtml: true
		});
		expect(post.js).toBe('');
		expect(post.html).toContain('<strong>đậm</strong>');
		expect(post.html).toContain('<code>mã</code>');
		expect(textOf(post.html)).toContain('const a = {b: 1};');
	});

	it.each([
		['a tag', 'Dòng một<br>dòng hai'],
		['a component', '<Callout type="note">\n\nGhi chú\n\n</Callout>'],
		['a script', "<script>\n\timport Callout from '$lib/components/Callout.svelte';\n</script>\n\nChữ"],
		['an HTML comment', 'Chữ <!-- ghi chú --> chữ']
	])('goes through Svelte when it writes %s', async (_name, markdown) => {
		const post = await renderMarkdown(markdown, { plainHtml: true });
		expect(post.html).not.toBe('');
		expect(post.js).toContain('export default function');
	});

	it('goes through Svelte when posts are trusted as code', async () => {
		const post = await renderMarkdown('Chữ **đậm**', { plainHtml: true, trust: 'author' });
		expect(post.js).toContain('export default function');
		expect(post.html).toContain('<strong>đậm</strong>');
	});

	it.each([
		['braces', 'Tập hợp {a, b} và {x}, {#each items as x} và {@html "x"}'],
		['< and generics', 'a < b, Map<string, X>, Vec< T >, <100ms'],
		['shell variables and prices', 'Biến ${HOME} và ${PORT:-80}; giá 5$ và 10$.'],
		['backticks, backslashes and entities', 'Dấu ` lẻ, C:\\Users\\sv, \\d, &amp; và &lt;b&gt;']
	])('keeps %s as written, as Svelte does', async (_name, markdown) => {
		const plain = await renderMarkdown(markdown, { plainHtml: true });
		const svelte = await renderMarkdown(markdown);
		expect(plain.js).toBe('');
		expect(textOf(plain.html)).toBe(textOf(svelte.html));
	});

	// Real posts: every fixture written in Markdown alone gives the markup Svelte gives.
	const dirs = ['tests/fixtures/site', 'tests/fixtures/reading', 'tests/fixtures/search', 'posts'];
	const files = dirs.flatMap((dir) =>
		readdirSync(dir)
			.filter((f) => f.endsWith('.md'))
			.map((f) => join(dir, f))
	);
	it.each(files)('%s gives the same page either way', async (file) => {
		let body: string;
		try {
			body = splitFrontmatter(normalizeSource(readFileSync(file, 'utf8'))).body;
		} catch {
			return expect.soft(file).toMatch(/utf16|cp1258|empty/);
		}
		const options = { file, title: 'x', base: '/notes' };
		const plain = await renderMarkdown(body, { ...options, plainHtml: true });
		const svelte = await renderMarkdown(body, options);
		if (plain.js) expect(plain.js).toBe(svelte.js);
		else expect(markup(plain.html)).toBe(markup(svelte.html));
		expect(plain.removed).toEqual(svelte.removed);
		expect(plain.facts).toEqual(svelte.facts);
	});
});
