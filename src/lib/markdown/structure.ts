/**
 * Rehype steps that shape a post and record what the site needs to know about it: ASCII heading ids, one h1 per page,
 * the table of contents, the excerpt and the word count.
 */
import type { Element, Nodes, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { createSlugger, slugify } from '../text/slug.ts';
import { isTemplateText } from '../text/post-template.ts';
import type { Note } from './trust.ts';
import { repairEscapes, withBase } from '../text/urls.ts';

export interface Heading {
	depth: number;
	id: string;
	text: string;
}

export interface PostFacts {
	headings: Heading[];
	/** Text of the body's first h1 before any shifting (a title when frontmatter has none). */
	firstH1?: string;
	/** Text of the first real paragraph. */
	firstParagraph?: string;
	words: number;
	/** Every href and src written in the post, with its line. */
	references: { url: string; line?: number; kind: 'link' | 'image' }[];
	/** Every id on the page (headings and raw HTML), for checking #anchors. */
	ids: string[];
	/** What the trust step refused, for the content module to report. */
	notes: Note[];
	/** What was taken out of the post's HTML before it reached Svelte (event handlers), with its line. */
	removed: { what: string; line?: number }[];
}

type Raw = { type: 'raw'; value: string; position?: Element['position'] };

const HEADING = /^h([1-6])$/;
/** The text a reader sees in a node: what scripts and styles hold is not text (nor is it published). */
function toString(node: Nodes): string {
	if (node.type === 'text') return node.value;
	if (node.type === 'element' && /^(script|style|template)$/.test(node.tagName)) return '';
	return 'children' in node ? node.children.map(toString).join('') : '';
}

/** Plain text of a node: whitespace collapsed, the parser's private mark removed. */
const clean = (s: string) =>
	s
		.replace(/\uE005/g, '')
		.normalize('NFC')
		.replace(/\s+/g, ' ')
		.trim();

/**
 * Whether a heading repeats the title: the same words (case, accents, punctuation and emoji aside), the title without
 * a prefix such as `Blog 6:` (`Blog 6: Ôn luyện` → `# Ôn luyện`), or the title followed by a parenthesis
 * (`# Hệ thống phân tán (Distributed Systems)`).
 */
/**
 * A heading's text before a closing `(…)` (spaces before it dropped), as `/^(.*?)\s*\([^()]*\)\s*$/` reads it, with
 * lastIndexOf instead of a pattern that tries every place the text could end.
 */
function beforeParenthesis(heading: string): string | undefined {
	const text = heading.trimEnd();
	const open = text.lastIndexOf('(');
	if (!text.endsWith(')') || open < 0 || text.indexOf(')', open) !== text.length - 1) return undefined;
	const before = text.slice(0, open).trimEnd();
	return /[\n\r\u2028\u2029]/.test(before) ? undefined : before;
}

export function repeatsTitle(heading: string, title: string): boolean {
	const h = slugify(heading);
	const t = slugify(title);
	if (!h || !t) return false;
	if (h === t) return true;
	// After any `:`, ` - `, `–`, `—` or `|` of the title: what follows may be the heading.
	for (const m of title.matchAll(/[:|–—]|\s-\s/g))
		if (h.includes('-') && slugify(title.slice(m.index + m[0].length)) === h) return true;
	const paren = beforeParenthesis(heading);
	return paren !== undefined && slugify(paren) === t;
}

/**
 * Gives every heading an ASCII id (`## 1. Kiểm tra CPU` → `1-kiem-tra-cpu`, repeats get `-1`, `-2`) and, when the body
 * uses `#` headings for its sections, moves every heading one level down so the post title stays the only h1.
 * A first h1 that repeats the title is dropped.
 */
export function rehypeStructure(options: { title?: string; facts: PostFacts }) {
	return (tree: Root) => {
		const facts = options.facts;
		const slug = createSlugger();
		const top = tree.children ?? [];
		const firstEl = top.find((n): n is Element => n.type === 'element');
		let hasH1 = false;
		visit(tree, 'element', (node: Element) => {
			if (node.tagName === 'h1') {
				hasH1 = true;
				facts.firstH1 ??= clean(toString(node));
			}
		});
		// With no title in the frontmatter, the first h1 is the title.
		const title = options.title ?? facts.firstH1;
		const firstText = firstEl?.tagName === 'h1' ? clean(toString(firstEl)) : undefined;
		if (title && firstEl && firstText !== undefined && repeatsTitle(firstText, title)) {
			top.splice(top.indexOf(firstEl), 1);
			// A title from the frontmatter shown twice (starters put it in the body too): say why the line is not shown.
			if (options.title)
				facts.notes.push({
					severity: 'warning',
					line: firstEl.position?.start?.line,
					field: 'heading',
					message: `expected the title once, saw a "#" heading at the top of the post that repeats it ("${firstText.slice(0, 80)}"); it is not shown`,
					fix: 'remove that line: the page shows the title: of the frontmatter as its heading'
				});
		}
		visit(tree, 'element', (node: Element) => {
			const m = HEADING.exec(node.tagName);
			if (!m) return;
			let depth = Number(m[1]);
			if (hasH1 && depth < 6) {
				depth += 1;
				node.tagName = `h${depth}`;
			}
			const text = clean(toString(node));
			node.properties ??= {};
			const existing = node.properties.id;
			const id = typeof existing === 'string' && /^[\w-]+$/.test(existing) ? existing : slug(text);
			node.properties.id = id;
			if (depth === 2 || depth === 3) facts.headings.push({ depth, id, text });
		});
		// The placeholders of `npm run new`, left as they are: the post is not written yet.
		const placeholders = top.filter(
			(n): n is Element => n.type === 'element' && n.tagName === 'p' && isTemplateText(clean(toString(n)))
		);
		if (placeholders.length) {
			const lines = placeholders.map((n) => n.position?.start?.line).filter((l) => l !== undefined);
			facts.notes.push({
				severity: 'warning',
				line: lines[0],
				field: 'template',
				message: `expected the post's own text, saw ${placeholders.length === 1 ? 'a placeholder' : `${placeholders.length} placeholders`} of the npm run new template ("${clean(toString(placeholders[0])).slice(0, 40)}…")`,
				fix: `replace the template's text with yours${lines.length > 1 ? ` (lines ${lines.join(', ')})` : ''}`
			});
		}
		for (const node of top) {
			if (node.type === 'element' && node.tagName === 'p') {
				const text = clean(toString(node));
				if (text.length > 0) {
					facts.firstParagraph = text;
					break;
				}
			}
		}
		facts.words = clean(toString(tree)).split(' ').filter(Boolean).length;
	};
}

/**
 * Records every href and src with its line, rewrites the ones `resolve` knows (links between posts, files beside the
 * post), prefixes other root-relative URLs with the base path, and lazy-loads body images.
 */
type UrlReplacer = (match: string, head: string, attr: string, quote: string, url: string, offset: number) => string;

/**
 * Each quoted `href` or `src` of an `<a>`, `<img>`, `<source>`, `<video>` or `<audio>` tag replaced by what `by` returns,
 * as `html.replace(/(<(?:a|img|source|video|audio)\b[^>]*?\s(href|src)\s*=\s*)(["'])([^"']*)\3/gi, by)` does (the
 * first such attribute before the tag's first `>`), reading each tag once: that pattern reads on to the next `>`
 * again from every `<a` (quadratic). A tag without one makes every tag starting inside it fail too, so they are skipped.
 */
function replaceUrls(html: string, by: UrlReplacer): string {
	// Every `\s(href|src)\s*=\s*quote`, in order: two cannot overlap.
	const attrs = [...html.matchAll(/\s(href|src)\s*=\s*(["'])/gi)];
	const next = { '"': -2, "'": -2 };
	/** The next `quote` at or after `from` (`from` only grows), or Infinity. */
	const quoteAt = (quote: '"' | "'", from: number) => {
		if (next[quote] !== -1 && next[quote] < from) next[quote] = html.indexOf(quote, from);
		return next[quote] < 0 ? Infinity : next[quote];
	};
	const starts = /<(?:a|img|source|video|audio)\b/gi;
	let out = '';
	let done = 0;
	let k = 0;
	for (let tag = starts.exec(html); tag; tag = starts.exec(html)) {
		const gt = html.indexOf('>', tag.index);
		const stop = gt < 0 ? html.length : gt;
		const from = tag.index + tag[0].length;
		while (k < attrs.length && attrs[k].index < from) k++;
		let found: { attr: RegExpExecArray; open: number; close: number } | undefined;
		for (; !found && k < attrs.length && attrs[k].index < stop; k++) {
			const attr = attrs[k];
			const open = attr.index + attr[0].length;
			const close = Math.min(quoteAt('"', open), quoteAt("'", open));
			if (close !== Infinity && html[close] === attr[2]) found = { attr, open, close };
		}
		if (!found) {
			starts.lastIndex = Math.max(starts.lastIndex, stop);
			continue;
		}
		const { attr, open, close } = found;
		const match = html.slice(tag.index, close + 1);
		const head = html.slice(tag.index, open - 1);
		out += html.slice(done, tag.index) + by(match, head, attr[1], attr[2], html.slice(open, close), tag.index);
		done = starts.lastIndex = close + 1;
	}
	return out + html.slice(done);
}

export function rehypeUrls(options: { base: string; facts: PostFacts; resolve?: (url: string) => string | undefined }) {
	// Root-relative URLs get the base path (the site's one rule, withBase); relative ones are left as written.
	const prefix = (url: string) => (url.startsWith('/') && !url.startsWith('//') ? withBase(options.base, url) : url);
	const publish = (url: string) => repairEscapes(options.resolve?.(url) ?? prefix(url));
	return (tree: Root) => {
		visit(tree as never, 'raw', (node: Raw) => {
			// Links and images written as HTML get the same treatment as Markdown ones.
			const start = node.position?.start?.line;
			if (node.value === undefined) return;
			node.value = replaceUrls(
				node.value,
				(match: string, head: string, attr: string, quote: string, url: string, offset: number) => {
					const before = node.value!.slice(0, offset);
					options.facts.references.push({
						url,
						line: start === undefined ? undefined : start + before.split('\n').length - 1,
						kind: attr.toLowerCase() === 'src' ? 'image' : 'link'
					});
					const resolved = publish(url);
					return resolved === url ? match : `${head}${quote}${resolved}${quote}`;
				}
			);
			for (const m of node.value?.matchAll(/\sid\s*=\s*["']([^"']+)["']/gi) ?? []) options.facts.ids.push(m[1]);
		});
		visit(tree, 'element', (node: Element) => {
			const props = node.properties;
			if (!props) return;
			if (typeof props.id === 'string') options.facts.ids.push(props.id);
			for (const key of ['href', 'src'] as const) {
				const value = props[key];
				if (typeof value !== 'string') continue;
				if (!(node.tagName === 'a' && (props.className as string[] | undefined)?.includes('heading-anchor'))) {
					options.facts.references.push({
						url: value,
						line: node.position?.start?.line,
						kind: key === 'src' ? 'image' : 'link'
					});
				}
				props[key] = publish(value);
			}
			if (node.tagName === 'img') {
				props.loading ??= 'lazy';
				props.decoding ??= 'async';
			}
		});
	};
}
