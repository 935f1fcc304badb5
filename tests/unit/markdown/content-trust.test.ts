/**
 * Under content trust (the default) a post is HTML from mdsvex, never a Svelte component: nothing it contains is
 * compiled or evaluated, on any path. Regression for the probe's critical finding (issue 21.1): the repair step turned an
 * HTML block that starts with another tag and holds a <script> into the component's instance script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { describe, expect, it, vi } from 'vitest';
import { normalizeSource, splitFrontmatter } from '../../../src/lib/content/source';
import { renderMarkdown, textOf } from '../../helpers/render';

const compile = vi.hoisted(() => vi.fn());
vi.mock('svelte/compiler', async (original) => {
	const real = await original<typeof import('svelte/compiler')>();
	compile.mockImplementation(real.compile);
	return { ...real, compile };
});

/** Markup with whitespace collapsed and none beside tags: what Svelte's whitespace rules change, and a reader never sees. */
const markup = (html: string) =>
	html
		.replace(/\s+/g, ' ')
		.replace(/\s*(<[^>]+>)\s*/g, '$1')
		.trim();

/** Every script element and event handler of some HTML, found by an HTML parser. */
function runnable(html: string): string[] {
	const found: string[] = [];
	visit(fromHtml(html, { fragment: true }), 'element', (node: Element) => {
		if (node.tagName === 'script') found.push('<script>');
		for (const key of Object.keys(node.properties)) if (/^on/i.test(key)) found.push(`${key}=`);
	});
	return found;
}

const SCRIPT = '<script>globalThis.pwned = process.env.SECRET_CANARY</script>';
/** A script or handler written at every nesting a post can reach, including after HTML Svelte used to refuse. */
const HOSTILE: [string, string][] = [
	['a script block at the top', `${SCRIPT}\n\nChữ`],
	['a module script', '<script context="module">globalThis.pwned = 1</script>\n\nChữ'],
	[
		'the probe: a <div> inside a paragraph, then a block that starts with another tag and holds a script',
		`Đoạn <div>khối</div> trong đoạn.\n\n<section>\n<p>x</p>\n${SCRIPT}\n</section>\n`
	],
	['a script inside a div block', `<div>\n${SCRIPT}\n</div>`],
	['a script inside a table cell', `| a |\n| - |\n| <span>${SCRIPT}</span> |`],
	['a script in a list item', `- mục <b>${SCRIPT}</b>`],
	['a script in a quote', `> <i>${SCRIPT}</i>`],
	['a script inside a callout', `<Callout type="warning">\n\n<div>${SCRIPT}</div>\n\n</Callout>`],
	['a script inside details', `<details><summary>a</summary>\n\n${SCRIPT}\n\n</details>`],
	['a script inline in prose', `Chữ ${SCRIPT} chữ`],
	['a script in a heading', `## Tiêu đề ${SCRIPT}`],
	['a script in a footnote', `Chữ[^1]\n\n[^1]: <span>${SCRIPT}</span>`],
	['an upper-case SCRIPT', '<SCRIPT>globalThis.pwned = 1</SCRIPT>'],
	['a script in svg', '<svg><script>globalThis.pwned = 1</script><circle r="1"/></svg>'],
	['a script in math', '<math><mi><script>globalThis.pwned = 1</script></mi></math>'],
	['an unclosed script', 'Chữ\n\n<div><script>globalThis.pwned = 1\n\nChữ nữa'],
	['a handler on an image', '<img src="x.png" onerror="globalThis.pwned = 1">'],
	['a handler on svg', '<svg onload="globalThis.pwned = 1"><circle r="1"/></svg>'],
	['a handler on a component', '<Callout onclick="globalThis.pwned = 1">\n\nx\n\n</Callout>'],
	['a component attribute expression', '<Callout title={globalThis.pwned = 1}>\n\nx\n\n</Callout>'],
	['svelte:head', '<svelte:head><script>globalThis.pwned = 1</script></svelte:head>'],
	['{@html}', `{@html '${SCRIPT}'}`],
	['an iframe srcdoc', `<iframe srcdoc="${SCRIPT.replace(/"/g, '&quot;')}"></iframe>`],
	['a template', `<template>${SCRIPT}</template>`],
	['a noscript breakout', `<noscript><p title="</noscript>${SCRIPT}"></noscript>`]
];

describe('content trust: a post is never compiled or evaluated', () => {
	it.each(HOSTILE)('%s reaches neither Svelte nor the page', async (_name, markdown) => {
		compile.mockClear();
		delete (globalThis as { pwned?: unknown }).pwned;
		const post = await renderMarkdown(`\n${markdown}\n`);
		expect(compile).not.toHaveBeenCalled();
		expect(post.js).toBe('');
		expect(runnable(post.html)).toEqual([]);
		expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
	});

	it('renders the site’s components into the HTML from their literal attributes', async () => {
		compile.mockClear();
		const post = await renderMarkdown(
			'\n<script>\n\timport Note from \'$lib/components/Callout.svelte\';\n</script>\n\n<Note type="tip" title="Chú ý">\n\nMẹo **đậm** {x}.\n\n</Note>\n'
		);
		expect(compile).not.toHaveBeenCalled();
		expect(post.html).toContain('<aside class="callout callout-tip"><p class="callout-title">Chú ý</p>');
		expect(post.html).toContain('<strong>đậm</strong> {x}');
		expect(post.facts.notes).toEqual([]);
	});

	it('names a component attribute it does not take, and a value it does not know, with the line', async () => {
		const post = await renderMarkdown('\nChữ\n\n<Callout type="nguy-hiem" mau="do">\n\nx\n\n</Callout>\n');
		expect(post.facts.notes.map((n) => `${n.line} ${n.field}: ${n.message}`)).toEqual([
			'4 component: expected Callout\'s type to be one of note, tip, important, warning, danger, info, success, caution, error, saw "nguy-hiem"; a note is shown',
			'4 component: expected an attribute of Callout (type, title), saw mau; it is ignored'
		]);
		expect(post.html).toContain('callout-note');
	});

	it('gives the copy button’s class to the site’s own code blocks only (issue 21.11)', async () => {
		const post = await renderMarkdown(
			'\n<div class="code-block has-copy"><pre style="color:transparent">rm -rf ~</pre><pre>ls</pre></div>\n\n```sh\nls\n```\n'
		);
		const blocks = [...post.html.matchAll(/<div class="([^"]*)"/g)].map((m) => m[1]);
		expect(blocks).toEqual(['code-block']);
		expect(post.html.trim()).toMatch(/^<div><pre>rm -rf ~<\/pre><pre>ls<\/pre><\/div>/);
		expect(post.html).not.toContain('data-course-notes-site');
		const plain = await renderMarkdown('\n```sh\nls\n```\n');
		expect(plain.html.trim()).toMatch(/^<div class="code-block" data-lang="Bash"><span class="code-lang">/);
	});

	it('still compiles posts as Svelte when the site trusts its author', async () => {
		compile.mockClear();
		const post = await renderMarkdown('Chữ **đậm**', { trust: 'author' });
		expect(compile).toHaveBeenCalled();
		expect(post.js).toContain('export default function');
		expect(post.html).toContain('<strong>đậm</strong>');
	});

	it.each([
		['braces', 'Tập hợp {a, b} và {x}, {#each items as x} và {@html "x"}'],
		['< and generics', 'a < b, Map<string, X>, Vec< T >, <100ms'],
		['shell variables and prices', 'Biến ${HOME} và ${PORT:-80}; giá 5$ và 10$.'],
		['backticks, backslashes and entities', 'Dấu ` lẻ, C:\\Users\\sv, \\d, &amp; và &lt;b&gt;']
	])('keeps %s as written, as Svelte does for a trusted author', async (_name, markdown) => {
		const content = await renderMarkdown(markdown);
		const author = await renderMarkdown(markdown, { trust: 'author' });
		expect(textOf(content.html)).toBe(textOf(author.html));
	});

	// Real posts: every fixture gives the markup the Svelte path gives, where the two trusts mean the same post.
	const dirs = ['tests/fixtures/site', 'tests/fixtures/reading', 'tests/fixtures/search', 'posts'];
	const files = dirs.flatMap((dir) =>
		readdirSync(dir)
			.filter((f) => f.endsWith('.md'))
			.map((f) => join(dir, f))
	);
	it.each(files)('%s gives the page the Svelte path gives', async (file) => {
		let body: string;
		try {
			body = splitFrontmatter(normalizeSource(readFileSync(file, 'utf8'))).body;
		} catch {
			return expect.soft(file).toMatch(/utf16|cp1258|empty/);
		}
		const options = { file, title: 'x', base: '/notes' };
		const content = await renderMarkdown(body, options);
		// A script, a style or Svelte syntax means something else to a trusted author: nothing to compare.
		if (content.facts.notes.some((n) => n.field === 'script' || n.field === 'style')) return;
		const author = await renderMarkdown(body, { ...options, trust: 'author' });
		if (author.level > 0) return;
		expect(markup(content.html)).toBe(markup(author.html));
		expect(content.removed).toEqual(author.removed);
		expect(content.facts.headings).toEqual(author.facts.headings);
		expect(content.facts.references).toEqual(author.facts.references);
	});
});
