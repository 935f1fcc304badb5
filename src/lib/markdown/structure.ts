/**
 * Rehype steps that shape a post and record what the site needs to know about it: ASCII heading ids, one h1 per page,
 * the table of contents, the excerpt and the word count.
 */
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { createSlugger } from '../text/slug';

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
}

interface El {
	type: string;
	tagName?: string;
	value?: string;
	properties?: Record<string, unknown>;
	children?: El[];
}

const HEADING = /^h([1-6])$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#123': '{', '#125': '}', '#96': '`', '#92': '\\' };
/** Plain text of a node: entities that mdsvex put into inline code decoded, whitespace collapsed. */
const clean = (s: string) =>
	s
		.replace(/&(amp|lt|gt|quot|#123|#125|#96|#92);/g, (_, e: string) => ENTITIES[e])
		.normalize('NFC')
		.replace(/\s+/g, ' ')
		.trim();

/**
 * Gives every heading an ASCII id (`## 1. Kiểm tra CPU` → `1-kiem-tra-cpu`, repeats get `-1`, `-2`) and, when the body
 * uses `#` headings for its sections, moves every heading one level down so the post title stays the only h1.
 * A first h1 that repeats the title is dropped.
 */
export function rehypeStructure(options: { title?: string; facts: PostFacts }) {
	return (tree: El) => {
		const facts = options.facts;
		const slug = createSlugger();
		const top = tree.children ?? [];
		const firstEl = top.find((n) => n.type === 'element');
		let hasH1 = false;
		visit(tree as never, 'element', (node: El) => {
			if (node.tagName === 'h1') {
				hasH1 = true;
				facts.firstH1 ??= clean(toString(node as never));
			}
		});
		if (
			options.title &&
			firstEl?.tagName === 'h1' &&
			clean(toString(firstEl as never)).toLowerCase() === clean(options.title).toLowerCase()
		) {
			top.splice(top.indexOf(firstEl), 1);
		}
		visit(tree as never, 'element', (node: El) => {
			const m = HEADING.exec(node.tagName ?? '');
			if (!m) return;
			let depth = Number(m[1]);
			if (hasH1 && depth < 6) {
				depth += 1;
				node.tagName = `h${depth}`;
			}
			const text = clean(toString(node as never));
			node.properties ??= {};
			const existing = node.properties.id;
			const id = typeof existing === 'string' && /^[\w-]+$/.test(existing) ? existing : slug(text);
			node.properties.id = id;
			if (depth === 2 || depth === 3) facts.headings.push({ depth, id, text });
		});
		for (const node of top) {
			if (node.type === 'element' && node.tagName === 'p') {
				const text = clean(toString(node as never));
				if (text.length > 0) {
					facts.firstParagraph = text;
					break;
				}
			}
		}
		facts.words = clean(toString(tree as never)).split(' ').filter(Boolean).length;
	};
}

/** Lazy-loads body images and prefixes root-absolute internal URLs with the base path. */
export function rehypeUrls(options: { base: string; resolve?: (url: string) => string | undefined }) {
	return (tree: El) => {
		visit(tree as never, 'element', (node: El) => {
			const props = node.properties;
			if (!props) return;
			for (const key of ['href', 'src'] as const) {
				const value = props[key];
				if (typeof value !== 'string') continue;
				const resolved = options.resolve?.(value);
				if (resolved !== undefined) props[key] = resolved;
				else if (value.startsWith('/') && !value.startsWith('//') && options.base && !value.startsWith(options.base + '/')) {
					props[key] = options.base + value;
				}
			}
			if (node.tagName === 'img') {
				props.loading ??= 'lazy';
				props.decoding ??= 'async';
			}
		});
	};
}
