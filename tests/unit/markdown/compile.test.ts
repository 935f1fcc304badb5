import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { renderMarkdown, textOf } from '../../helpers/render';

describe('compilePost keeps any text as written', () => {
	it.each([
		['{braces} in prose', 'Tập hợp {a, b} và {x}.', 'Tập hợp {a, b} và {x}.'],
		['a lone brace', 'Mở {một ngoặc', 'Mở {một ngoặc'],
		['shell variables', 'Biến ${HOME} và ${PORT:-80}.', 'Biến ${HOME} và ${PORT:-80}.'],
		[
			'Svelte blocks in prose',
			'Vòng {#each items as x} và {@html "x"} và {/each}',
			'Vòng {#each items as x} và {@html "x"} và {/each}'
		],
		['a Svelte block on its own line', '{#if x}', '{#if x}'],
		[
			'< in prose and generics',
			'a < b, Map<string, X>, list<text>, Vec<T>, <100ms',
			'a < b, Map<string, X>, list<text>, Vec<T>, <100ms'
		],
		['backticks and backslashes', 'Dấu ` lẻ, C:\\Users\\sv và \\d', 'Dấu ` lẻ, C:\\Users\\sv và \\d'],
		['prices with $', 'Giá 5$ và 10$.', 'Giá 5$ và 10$.']
	])('keeps %s', async (_name, markdown, text) => {
		const { html, level } = await renderMarkdown(markdown);
		expect(level).toBe(0);
		expect(textOf(html)).toBe(text);
	});

	it('keeps braces, backticks and backslashes inside code', async () => {
		const md =
			'`{code} ${x}`\n\n```js\nconst s = `${a}{b}`; /\\d+\\1/; // C:\\Users\n```\n\n```khongbiet\n{x} <y>\n```\n';
		const { html } = await renderMarkdown(md);
		const text = textOf(html);
		expect(text).toContain('{code} ${x}');
		expect(text).toContain('const s = `${a}{b}`; /\\d+\\1/; // C:\\Users');
		expect(text).toContain('{x} <y>');
		expect(html).toContain('class="shiki');
	});

	it('runs an unclosed fence to the end of the post', async () => {
		const { html } = await renderMarkdown('Trước.\n\n```python\nx = "{a}"\n\nVẫn là mã.\n');
		expect(html).toMatch(/<pre[^>]*>[\s\S]*Vẫn là mã\.[\s\S]*<\/pre>/);
	});

	it('keeps raw HTML working and braces inside it as text', async () => {
		const md =
			'<details><summary>Đáp án {x}</summary>\n\nẨn {y}.\n\n</details>\n\n<p align="center">Giữa {z}</p>\n\n<kbd>Ctrl</kbd> <!-- {note} -->\n\n| a | b |\n|---|---|\n| <100ms | x<br>y |\n';
		const { html, level } = await renderMarkdown(md);
		expect(level).toBe(0);
		expect(html).toContain('<details>');
		expect(html).toContain('<p align="center">');
		expect(html).toContain('<kbd>Ctrl</kbd>');
		expect(html).toMatch(/<br\s*\/?>/);
		expect(textOf(html)).toContain('Đáp án {x}');
		expect(textOf(html)).toContain('<100ms');
	});

	it('keeps braces in link and image URLs out of Svelte', async () => {
		const { html } = await renderMarkdown('[x](https://e.com/a{b}) ![i](/images/a%7Bb%7D.png)');
		expect(html).toContain('href="https://e.com/a%7bb%7d"');
		expect(html).toContain('src="/images/a%7bb%7d.png"');
	});

	it('publishes HTML that Svelte would refuse as a browser reads it, with no repair to report', async () => {
		const markdown = 'Một <div>khối</div> trong đoạn.\n\n</div>\n\n<section>\n\nMở.\n';
		const { html, level, failure } = await renderMarkdown(markdown);
		expect(level).toBe(0);
		expect(failure).toBeUndefined();
		expect(textOf(html)).toContain('khối');
		expect(textOf(html)).toContain('Mở.');
	});

	it('repairs HTML that Svelte refuses for a trusted author, and says why', async () => {
		const { html, level, failure } = await renderMarkdown(
			'Một <div>khối</div> trong đoạn.\n\n</div>\n\n<section>\n\nMở.\n',
			{ trust: 'author' }
		);
		expect(level).toBe(1);
		expect(failure?.message).toBeTruthy();
		expect(textOf(html)).toContain('khối');
	});
});

describe('compilePost structure', () => {
	it('gives headings ASCII ids, unique on the page, each with an anchor link', async () => {
		const { html, facts } = await renderMarkdown('## 1. Kiểm tra CPU\n\n## Ví dụ\n\n## Ví dụ\n\n### Đường dẫn');
		expect(facts.headings.map((h) => h.id)).toEqual(['1-kiem-tra-cpu', 'vi-du', 'vi-du-1', 'duong-dan']);
		expect(html).toContain('<h2 id="1-kiem-tra-cpu">');
		expect(html).toMatch(/<a class="heading-anchor"[^>]*href="#vi-du-1"/);
	});

	it('moves # section headings down a level so the title stays the only h1', async () => {
		const { html, facts } = await renderMarkdown('# Phần một\n\n## Ý nhỏ', { title: 'Bài' });
		expect(html).not.toContain('<h1');
		expect(facts.headings.map((h) => [h.depth, h.text])).toEqual([
			[2, 'Phần một'],
			[3, 'Ý nhỏ']
		]);
	});

	it('drops a first heading that repeats the title', async () => {
		const { html } = await renderMarkdown('# Tiến trình\n\nĐoạn.', { title: 'Tiến trình' });
		expect(textOf(html)).toBe('Đoạn.');
	});

	it('takes the first paragraph and counts words', async () => {
		const { facts } = await renderMarkdown('## A\n\nĐoạn đầu {x} tiên.\n\nĐoạn hai.');
		expect(facts.firstParagraph).toBe('Đoạn đầu {x} tiên.');
		expect(facts.words).toBeGreaterThanOrEqual(6);
	});

	it('renders GitHub alerts as callouts', async () => {
		const { html } = await renderMarkdown('> [!WARNING] Cẩn thận\n> Nội dung.\n\n> [!NOTE]\n> Ghi chú.');
		expect(html).toContain('<aside class="callout callout-warning">');
		expect(html).toContain('<aside class="callout callout-note">');
		expect(textOf(html)).toBe('Cẩn thận Nội dung. Ghi chú Ghi chú.');
	});

	it('renders the Callout component a post imports', async () => {
		const md =
			'<script>\n\timport Callout from \'$lib/components/Callout.svelte\';\n</script>\n\n<Callout type="danger">\n\n**Chú ý** {x}\n\n</Callout>\n';
		const { html, level } = await renderMarkdown(md);
		expect(level).toBe(0);
		expect(html).toContain('callout callout-danger');
		expect(html).toContain('<strong>Chú ý</strong>');
		expect(textOf(html)).toBe('Nguy hiểm Chú ý {x}');
	});

	it('renders <Callout> even when the post forgot to import it', async () => {
		const { html, level } = await renderMarkdown('Trước.\n\n<Callout type="tip">\n\nMẹo {x}.\n\n</Callout>\n');
		expect(level).toBe(0);
		expect(html).toContain('callout callout-tip');
		expect(textOf(html)).toBe('Trước. Mẹo Mẹo {x}.');
	});

	it('renders math at build time with KaTeX, braces and all', async () => {
		const { html } = await renderMarkdown('Tỉ lệ $\\frac{a}{b}$.\n\n$$\n\\sum_{i=1}^{n} i\n$$\n');
		expect(html).toContain('class="katex"');
		expect(html).toContain('katex-display');
		expect(html).not.toContain('katex-error');
	});

	it('prefixes root-relative URLs with the base path', async () => {
		const { html } = await renderMarkdown('![a](/images/a.png) [b](/posts/b/)', { base: '/my-notes' });
		expect(html).toContain('src="/my-notes/images/a.png"');
		expect(html).toContain('href="/my-notes/posts/b/"');
	});
});

describe('CommonMark as GitHub renders it', () => {
	it('shows a block indented by four spaces as code', async () => {
		const { html } = await renderMarkdown('Đoạn văn.\n\n    for i in range(3):\n        print(i)\n');
		expect(html).toMatch(/<pre class="shiki[^"]*"[^>]*><code>/);
		expect(textOf(html)).toContain('for i in range(3): print(i)');
	});

	it('reads Markdown indented directly inside a component tag as Markdown, not code', async () => {
		const md = '<Callout type="note">\n\n    **Đậm** trong callout.\n\n    - một\n    - hai\n\n</Callout>\n';
		const { html } = await renderMarkdown(md);
		expect(html).not.toContain('<pre');
		expect(html).toContain('<strong>Đậm</strong> trong callout.');
		expect(html).toMatch(/<ul>\s*<li>một<\/li>/);
	});

	it('ends a list where CommonMark does: a paragraph after a blank line and no indent is not in the list', async () => {
		const { html } = await renderMarkdown('- một\n- hai\n\nĐoạn sau danh sách.\n');
		expect(html).toMatch(/<\/ul>\s*<p>Đoạn sau danh sách\.<\/p>/);
	});

	it('reads "> foo" then "---" as a quote and a rule, not a heading inside the quote', async () => {
		const { html } = await renderMarkdown('> foo\n---\n');
		expect(html).toMatch(/<blockquote>\s*<p>foo<\/p>\s*<\/blockquote>\s*<hr/);
	});

	it.each([
		['double quotes inside a double-quoted title', '[link](/url "title \\"and\\" title")', 'title "and" title'],
		['double quotes inside a single-quoted title', `[link](/url 'say "hi"')`, 'say "hi"'],
		['a backslash in a title', '[link](/url "C:\\\\Users")', 'C:\\Users']
	])('publishes a link title with %s', async (_name, md, title) => {
		const { html, level } = await renderMarkdown(md);
		expect(level).toBe(0);
		const link = fromHtml(html, { fragment: true }).children.flatMap((n) => ('children' in n ? n.children : []))[0];
		expect(link).toMatchObject({ tagName: 'a', properties: { title } });
	});

	it('numbers footnotes as GitHub does and links back to every call', async () => {
		const md = 'Một[^a] hai[^b] lại[^a].\n\n[^b]: Ghi chú B.\n[^a]: Ghi chú A gọi[^c].\n[^c]: Ghi chú C.\n';
		const { html } = await renderMarkdown(md, { title: 'Chú thích' });
		expect(textOf(html)).toContain('Một1 hai2 lại1.');
		expect(html).toMatch(/<section class="footnotes">/);
		const notes = textOf(html.slice(html.indexOf('<section class="footnotes">')));
		expect(notes).toMatch(/Ghi chú A gọi3\. ↩ ↩2 Ghi chú B\. ↩ Ghi chú C\. ↩$/);
	});
});
