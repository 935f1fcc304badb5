/**
 * The block structure of a post body: the tree of block-level elements only (paragraphs, lists, quotes, code, headings,
 * tables, rules, and div/section/aside/details as containers), read as a browser would (hast-util-from-html), text
 * and inline elements ignored. Used to compare a built post page with a reference renderer (micromark + GFM + math)
 * on the same Markdown body, with the site's known, documented departures neutralised.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { math, mathHtml } from 'micromark-extension-math';
import { repeatsTitle } from '../../src/lib/markdown/structure';

export interface Block {
	/** `h` for any heading, `math` for display math, otherwise the element's tag name. */
	tag: string;
	children: Block[];
}

/** Blocks kept with their children. */
const CONTAINERS = new Set([
	'ul',
	'ol',
	'li',
	'blockquote',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td',
	'div',
	'section',
	'aside',
	'details'
]);
/** Blocks whose inside is not looked at (text, inline markup, code). */
const LEAVES = new Set(['p', 'pre', 'hr']);
/** Never shown as blocks, and their text is not Markdown. */
const SKIPPED = new Set(['script', 'style', 'template', 'head', 'title', 'meta', 'link']);
/** GitHub's alert markers (and the site's DANGER alias), as the first line of a quote. */
const ALERT_LINE = /^\s*\[!(note|tip|important|warning|caution|danger)\][^\n]*$/i;

const classesOf = (node: Element) => (node.properties.className as string[] | undefined) ?? [];

function walk(nodes: (RootContent | ElementContent)[]): Block[] {
	const out: Block[] = [];
	for (const node of nodes) {
		if (node.type !== 'element') continue;
		const tag = node.tagName;
		const classes = classesOf(node);
		if (SKIPPED.has(tag)) continue;
		// Headings gain an anchor and are shifted a level down by the site: every level is one `h`, text ignored.
		if (/^h[1-6]$/.test(tag)) {
			out.push({ tag: 'h', children: [] });
			continue;
		}
		// KaTeX display math: ours is a `span.katex-display`, the reference's a `div.math-display` around one.
		if (classes.includes('katex-display') || classes.includes('math-display')) {
			out.push({ tag: 'math', children: [] });
			continue;
		}
		// A ```mermaid block drawn as a diagram (`figure.diagram` with an SVG): the reference shows it as code.
		if (tag === 'figure' && classes.includes('diagram')) {
			out.push({ tag: 'pre', children: [] });
			continue;
		}
		// Our frame around a code block (`div.code-block` with a language label): only its <pre> counts.
		if (tag === 'div' && classes.includes('code-block')) {
			out.push(...walk(node.children));
			continue;
		}
		// GitHub alerts (`> [!NOTE]`) become `aside.callout` with a `p.callout-title`: a quote without the title.
		if (tag === 'aside' && classes.includes('callout')) {
			const kept = node.children.filter((c) => !(c.type === 'element' && classesOf(c).includes('callout-title')));
			out.push({ tag: 'blockquote', children: walk(kept) });
			continue;
		}
		// The reference keeps an alert's marker line as text: a quote's first paragraph that is only the marker is the title.
		if (tag === 'blockquote') {
			const first = node.children.find((c): c is Element => c.type === 'element');
			const rest =
				first?.tagName === 'p' && ALERT_LINE.test(toString(first))
					? node.children.filter((c) => c !== first)
					: node.children;
			out.push({ tag, children: walk(rest) });
			continue;
		}
		// The footnotes section: ours is headed "Chú thích", GitHub's "Footnotes" (hidden); only the notes count.
		if (tag === 'section' && (classes.includes('footnotes') || 'dataFootnotes' in node.properties)) {
			const notes = node.children.filter((c) => !(c.type === 'element' && /^h[1-6]$/.test(c.tagName)));
			out.push({ tag: 'footnotes', children: walk(notes) });
			continue;
		}
		if (LEAVES.has(tag)) out.push({ tag, children: [] });
		else if (CONTAINERS.has(tag)) out.push({ tag, children: walk(node.children) });
		// Inline and other elements are transparent: the blocks inside them (raw HTML may nest any) still count.
		else out.push(...walk(node.children));
	}
	return out;
}

/** Block structure of an HTML fragment. */
export function blockStructure(html: string): Block[] {
	return walk(fromHtml(html, { fragment: true }).children);
}

/** The post page's body (`<article>` → `div.prose`) and its title (the page's first `<h1>`, in the post header). */
export function pageBody(page: string): { blocks: Block[]; title?: string } | undefined {
	const find = (nodes: (RootContent | ElementContent)[], test: (el: Element) => boolean): Element | undefined => {
		for (const node of nodes) {
			if (node.type !== 'element') continue;
			if (test(node)) return node;
			const hit = find(node.children, test);
			if (hit) return hit;
		}
		return undefined;
	};
	const root: Root = fromHtml(page);
	const article = find(root.children, (el) => el.tagName === 'article');
	const prose = article && find(article.children, (el) => el.tagName === 'div' && classesOf(el).includes('prose'));
	if (!prose) return undefined;
	const h1 = find(root.children, (el) => el.tagName === 'h1');
	return { blocks: walk(prose.children), title: h1 && toString(h1) };
}

/** The reference renderer: micromark with GFM and math, raw HTML passed through. */
export function referenceHtml(markdown: string): string {
	return micromark(markdown, {
		allowDangerousHtml: true,
		extensions: [gfm(), math()],
		htmlExtensions: [gfmHtml(), mathHtml()]
	});
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The reference's structure for a post body, `title` being the title the page shows. */
export function referenceStructure(markdown: string, title?: string): Block[] {
	const children = fromHtml(referenceHtml(markdown), { fragment: true }).children;
	const first = children.find((c): c is Element => c.type === 'element');
	// Our first h1 is dropped when it repeats the title (the page header shows it), by the site's own rule.
	const dropped =
		first?.tagName === 'h1' && title !== undefined && repeatsTitle(clean(toString(first)), title)
			? children.filter((c) => c !== first)
			: children;
	return walk(dropped);
}

/** One block per line, indented by depth: easy to diff. */
export function structureText(blocks: Block[], depth = 0): string {
	return blocks.map((b) => `${'  '.repeat(depth)}${b.tag}\n${structureText(b.children, depth + 1)}`).join('');
}

/** The first lines where two structures differ, with a little context, or undefined when they are the same. */
export function structureDiff(expected: string, actual: string, context = 3): string | undefined {
	if (expected === actual) return undefined;
	const a = expected.split('\n');
	const b = actual.split('\n');
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) i++;
	const from = Math.max(0, i - context);
	const show = (lines: string[]) => lines.slice(from, i + context + 1).join('\n');
	return `first difference at block ${i + 1}\n--- reference\n${show(a)}\n--- ours\n${show(b)}`;
}
