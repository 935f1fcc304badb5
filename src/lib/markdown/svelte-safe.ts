/**
 * Keeps author text from being read as Svelte syntax.
 *
 * mdsvex hands its HTML to the Svelte compiler, so `{`, `}` and a stray `<` in prose, attributes or raw HTML would be
 * parsed as expressions or tags. During the rehype stage they are swapped for private-use sentinels (rehype's
 * serializer would otherwise escape an entity's `&`), and `restoreSentinels` turns the sentinels into entities in the
 * final Svelte source. Deliberate Svelte parts survive: `<script>` blocks, and components the post imports.
 */
import { visit } from 'unist-util-visit';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const LT = '\uE002';
const AMP = '\uE003';
const QUOT = '\uE004';

export const sentinel = (s: string) => s.replace(/\{/g, OPEN).replace(/\}/g, CLOSE);
/** Text and attribute values as they must read: `&`, `<`, braces (and quotes in attributes) become entities. */
const textSentinel = (s: string) => sentinel(s.replace(/\uE005/g, '').replace(/&/g, AMP)).replace(/</g, LT);
const attributeSentinel = (s: string) => textSentinel(s).replace(/"/g, QUOT);

/** Replaces the sentinels with HTML entities in compiled mdsvex output. */
export function restoreSentinels(code: string): string {
	return code
		.replace(/\uE000/g, '&#123;')
		.replace(/\uE001/g, '&#125;')
		.replace(/\uE002/g, '&lt;')
		.replace(/\uE003/g, '&amp;')
		.replace(/\uE004/g, '&quot;');
}

/** Removes any sentinel characters an author's file happens to contain, before compiling. */
export function stripSentinels(text: string): string {
	return text.replace(/[\uE000-\uE005]/g, '');
}

const HTML_TAGS = new Set(
	`a abbr address area article aside audio b bdi bdo blockquote br button canvas caption cite code col colgroup data
datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header
hgroup hr i iframe img input ins kbd label legend li main map mark menu meter nav noscript object ol optgroup option
output p picture pre progress q rp rt ruby s samp section select small source span strong sub summary sup table tbody
td template textarea tfoot th thead time tr track u ul var video wbr center font big tt strike svg math`.split(/\s+/)
);
/** Inside <svg> or <math> any tag name is markup (path, text, mi…); outside, only real HTML elements are. */
const FOREIGN_ROOTS = new Set(['svg', 'math']);
/** Names a post imports in its `<script>`: those capitalised tags are components, not text. */
export function importedNames(script: string): Set<string> {
	const names = new Set<string>();
	for (const m of script.matchAll(/import\s+(?:([A-Za-z_$][\w$]*)\s*)?(?:,\s*)?(?:\{([^{}]*)\}\s*)?from/g)) {
		if (m[1]) names.add(m[1]);
		for (const part of (m[2] ?? '').split(',')) {
			const name = part
				.split(/(?<!\s)\s+as\s+/)
				.pop()
				?.trim();
			if (name) names.add(name);
		}
	}
	return names;
}

const SCRIPT_OR_STYLE = /^\s*<(script|style)\b/i;

const VOID = new Set('area base br col embed hr img input link meta source track wbr'.split(' '));

/** Tags opened by raw HTML so far in a post, to drop closing tags that close nothing (Svelte refuses them). */
export type OpenTags = string[];

/**
 * What a browser hides: comments (`<!-- … -->`, and the empty `<!-->` and `<!--->` of CommonMark 0.31), and the bogus
 * comments `<?…>` and `<!…>` (`<!DOCTYPE>`, `<![CDATA[`), which end at the first `>`.
 */
const HIDDEN = /<!--(?:-?>|[\s\S]*?-->|[\s\S]*$)|<[?!][^>]*>?/g;

const EVENT_HANDLER = /\s(on[a-z]+)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)/gi;

/**
 * Never markup inside a post's HTML: names Svelte reads as its own syntax (`<svelte:…>`, `<slot>`, dotted component
 * expressions), and `<script>`/`<style>`, which only count as a whole block at the top of a post.
 */
const SVELTE_SYNTAX = /^(svelte:|slot$|script$|style$)|\./i;

/**
 * Escapes a raw HTML fragment so that Svelte reads it as the browser would. Markup stays markup: HTML, SVG and MathML
 * tags, the post's components, custom elements (`<responsive-image>`), and any other tag name written as a tag (with
 * attributes, self-closing, or closed later: `<Warning>…</Warning>`). What a browser hides is removed, a closing tag
 * that closes nothing is dropped, and every other `<` is text: `<100ms`, `Map<string, X>`, `list<text>`.
 */
export function escapeRawHtml(
	html: string,
	components: Set<string>,
	open: OpenTags = [],
	removed: string[] = [],
	componentTag: (name: string) => string = (name) => name,
	/**
	 * Content trust, where no Svelte reads the output: HTML as a browser reads it, for the sanitiser to judge. `<script>`
	 * and `<style>` are elements (the sanitiser removes them and says so), a self-closed element that HTML never closes
	 * is closed, and in an HTML block (`block`) every tag-shaped name is a tag.
	 */
	browser: { block: boolean } | undefined = undefined
): string {
	let foreignDepth = 0;
	const text = sentinel(html.replace(HIDDEN, ''));
	return text.replace(
		/<(\/?)([A-Za-z][\w.:-]*)?([^<>]*?(\/?)>)?/g,
		(match, slash: string, name: string | undefined, rest: string | undefined, selfClosing: string, at: number) => {
			if (!name) return LT + match.slice(1);
			const lower = name.toLowerCase();
			const isComponent = components.has(name);
			const isForeignRoot = FOREIGN_ROOTS.has(lower);
			const markupOnly = browser && /^(script|style)$/i.test(name);
			if (!isComponent && !markupOnly && SVELTE_SYNTAX.test(name)) return LT + match.slice(1);
			if (!isComponent && !isForeignRoot && foreignDepth > 0) return match;
			const writtenAsTag =
				browser?.block ||
				markupOnly ||
				HTML_TAGS.has(lower) ||
				lower.includes('-') ||
				(rest === undefined ? /^\s+[A-Za-z_:]/.test(text.slice(at + match.length)) : /^\s+[A-Za-z_:]/.test(rest)) ||
				Boolean(selfClosing) ||
				(!slash && new RegExp(`</${name}\\s*>`, 'i').test(text.slice(at)));
			if (!isComponent && !slash && !writtenAsTag) return LT + match.slice(1);
			// Svelte reads a capitalised tag as a component, so HTML written in capitals is lower-cased.
			const tag = isComponent ? componentTag(name) : lower;
			// Event handlers never reach the page (and Svelte refuses them as strings).
			const attributes = (rest ?? '').replace(EVENT_HANDLER, (_, handler: string) => {
				removed.push(`${handler.toLowerCase()}=`);
				return '';
			});
			// A browser ignores `/>` on an element that is not void: it would hold the rest of the post. Svelte closes it.
			const out =
				browser && selfClosing && rest && !VOID.has(lower)
					? `<${tag}${attributes.endsWith('/>') ? `${attributes.slice(0, -2).trimEnd()}>` : attributes}</${tag}>`
					: `<${slash}${tag}${attributes}`;
			// A tag whose `>` is not in this fragment (it spans a quoted `>` or never closes): Svelte parses it, or refuses
			// it and the post is repaired by an HTML parser.
			if (!rest) return isComponent || writtenAsTag ? out : LT + match.slice(1);
			if (slash) {
				const at = open.lastIndexOf(tag);
				// A browser ignores a closing tag that closes nothing; Svelte would refuse it.
				if (at < 0) return '';
				open.splice(at);
				if (isForeignRoot) foreignDepth = Math.max(0, foreignDepth - 1);
			} else if (!selfClosing && !VOID.has(lower)) {
				open.push(tag);
				if (isForeignRoot) foreignDepth++;
			}
			return out;
		}
	);
}

interface HastNode {
	type: string;
	position?: { start?: { line?: number } };
	value?: string;
	tagName?: string;
	properties?: Record<string, unknown>;
	children?: HastNode[];
}

/** The last rehype step: nothing of the author's text can reach Svelte as code. */
export function rehypeSvelteSafe(
	options: {
		removed: { what: string; line?: number }[];
		/** The post's components, when its script was taken out earlier (content trust); else read from the script. */
		components?: Set<string>;
		/** The tag a component is written as in the output (content trust: one no HTML parser reads as an element). */
		componentTag?: (name: string) => string;
		/** Content trust: no Svelte reads the output, so raw HTML is written as a browser reads it (see escapeRawHtml). */
		asBrowser?: boolean;
	} = { removed: [] }
) {
	return (tree: HastNode) => {
		// Only a whole <script> or <style> block at the top of the post is the component's; anywhere else it is text.
		const own = new Set(
			(tree.children ?? []).filter(
				(n) =>
					n.type === 'raw' && SCRIPT_OR_STYLE.test(n.value ?? '') && /<\/(script|style)\s*>\s*$/i.test(n.value ?? '')
			)
		);
		const components = options.components ?? importedNames([...own].map((n) => n.value).join('\n'));
		const open: OpenTags = [];
		visit(tree as never, (node: HastNode, _index?: number, parent?: HastNode) => {
			if (node.type === 'text' && node.value) node.value = textSentinel(node.value);
			else if (node.type === 'comment' && node.value) node.value = sentinel(node.value);
			else if (node.type === 'raw' && node.value && !own.has(node)) {
				const removed: string[] = [];
				const browser = options.asBrowser ? { block: parent?.type === 'root' } : undefined;
				node.value = escapeRawHtml(node.value, components, open, removed, options.componentTag, browser);
				for (const what of removed) options.removed.push({ what, line: node.position?.start?.line });
			} else if (node.type === 'element' && node.properties) {
				for (const [key, value] of Object.entries(node.properties)) {
					if (/^on/i.test(key)) {
						delete node.properties[key];
						options.removed.push({ what: `${key.toLowerCase()}=`, line: node.position?.start?.line });
						continue;
					}
					if (typeof value === 'string') {
						// mdsvex turns %7B/%7D in href and src back into braces on purpose; lower-case escapes are left alone.
						const v =
							key === 'href' || key === 'src'
								? value.replace(/%7B/g, '%7b').replace(/%7D/g, '%7d').replace(/\{/g, '%7b').replace(/\}/g, '%7d')
								: value;
						node.properties[key] = attributeSentinel(v);
					} else if (Array.isArray(value)) {
						node.properties[key] = value.map((v) => (typeof v === 'string' ? attributeSentinel(v) : v));
					}
				}
			}
		});
	};
}
