/**
 * The Markdown parser of posts: CommonMark 0.31.2 plus GitHub Flavored Markdown (tables, task lists, strikethrough,
 * autolinks, footnotes) and `$…$` / `$$…$$` math, through micromark (`mdast-util-from-markdown`), the parser GitHub's
 * own renderer follows. mdsvex bundles an old remark parser that is not CommonMark; `remarkCommonmark` replaces it
 * through unified's `Parser` hook, so every later mdsvex step (highlighting, HTML, Svelte) stays as it is.
 *
 * Two deliberate departures, both written in the README:
 * - A `$` right after a letter or digit never opens a formula (`Giá 5$ và 10$`), `${NAME}` is a shell variable, and an
 *   inline formula that starts or ends with a space is text (`$5 and $10`), as on GitHub.
 * - A block indented by four spaces is code, as on GitHub, except directly inside a component tag (`<Callout>`), where
 *   authors indent Markdown for readability: there it is read as Markdown.
 */
import type { Code, FootnoteDefinition, FootnoteReference, Nodes, Parent, Root, RootContent, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { InlineMath } from 'mdast-util-math';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { asciiAlpha, asciiAlphanumeric, unicodePunctuation, unicodeWhitespace } from 'micromark-util-character';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import type { Code as CharCode, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

const DOLLAR = 36;

/** `${NAME}`, `${PORT:-80}`: a shell or template variable, checked ahead of a `$`. */
const shellVariable: Construct = {
	partial: true,
	tokenize(effects: Effects, ok: State, nok: State): State {
		const OPERATORS = new Set([125, 58, 35, 37, 47, 94, 44, 64, 33, 63, 43, 61, 45]); // } : # % / ^ , @ ! ? + = -
		const first: State = (code) => {
			if (code !== 95 && !asciiAlpha(code)) return nok(code);
			effects.consume(code);
			return rest;
		};
		const rest: State = (code) => {
			if (code === 95 || asciiAlphanumeric(code)) {
				effects.consume(code);
				return rest;
			}
			if (code !== null && OPERATORS.has(code)) {
				effects.consume(code);
				effects.exit('shellVariable' as never);
				return ok;
			}
			return nok(code);
		};
		return (code) => {
			effects.enter('shellVariable' as never);
			effects.consume(code);
			return (next: CharCode) => {
				if (next !== 123) return nok(next);
				effects.consume(next);
				return first;
			};
		};
	}
};

const isWordCharacter = (code: CharCode) =>
	code !== null && code > 0 && !unicodeWhitespace(code) && !unicodePunctuation(code);

/** micromark's math extension with the guards above on the opening `$` of inline math. */
function guardedMath(): Extension {
	const extension = math();
	const text = extension.text as Record<number, Construct>;
	const original = text[DOLLAR];
	text[DOLLAR] = {
		...original,
		tokenize(this: TokenizeContext, effects, ok, nok) {
			const inner = original.tokenize.call(this, effects, ok, nok);
			const previous = this.previous;
			return (code) => {
				if (isWordCharacter(previous)) return nok(code);
				return effects.check(shellVariable, nok, inner)(code);
			};
		}
	};
	return extension;
}

const PARSE_OPTIONS = () => ({
	extensions: [gfm(), guardedMath()],
	mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown()]
});

/** Inline math that starts or ends with a space is text, as written (`$5 and $10`). */
function revertSpacedMath(tree: Root, source: string) {
	const walk = (parent: Parent) => {
		parent.children.forEach((child, i) => {
			if (child.type === 'inlineMath') {
				const node = child as InlineMath;
				const start = node.position?.start.offset;
				const end = node.position?.end.offset;
				if (/^\s|\s$/.test(node.value) && start !== undefined && end !== undefined) {
					const text: Text = { type: 'text', value: source.slice(start, end), position: node.position };
					parent.children[i] = text as never;
				}
			} else if ('children' in child) walk(child as Parent);
		});
	};
	walk(tree);
}

const COMPONENT_TAG = /<(\/?)([A-Z][\w.]*)(?![\w.])[^<>]*?(\/?)>/g;

/** Shifts the positions of a re-parsed fragment to where it sits in the post. */
function shiftPositions(node: Nodes, lines: number, offset: number) {
	const p = node.position;
	if (p) {
		p.start = { ...p.start, line: p.start.line + lines, offset: (p.start.offset ?? 0) + offset };
		p.end = { ...p.end, line: p.end.line + lines, offset: (p.end.offset ?? 0) + offset };
	}
	if ('children' in node) for (const child of node.children) shiftPositions(child, lines, offset);
}

/** Indented code directly inside a component tag is the component's Markdown, written indented: parse it as such. */
function indentedCodeInComponents(parent: Parent, source: string) {
	let depth = 0;
	const out: RootContent[] = [];
	for (const child of parent.children as RootContent[]) {
		if (child.type === 'html') {
			for (const m of child.value.matchAll(COMPONENT_TAG)) {
				if (m[1]) depth = Math.max(0, depth - 1);
				else if (!m[3]) depth++;
			}
		}
		const code = child as Code;
		const start = code.position?.start.offset;
		const indented =
			child.type === 'code' && start !== undefined && !/^ {0,3}(`{3,}|~{3,})/.test(source.slice(start, start + 16));
		if (depth > 0 && indented) {
			const fragment = parseBlocks(code.value);
			for (const node of fragment.children) shiftPositions(node, (code.position?.start.line ?? 1) - 1, start);
			out.push(...fragment.children);
			continue;
		}
		if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading') {
			indentedCodeInComponents(child as Parent, source);
		}
		out.push(child);
	}
	parent.children = out as never;
}

/** Marks text that mdsvex's bundled steps would re-escape; `rehypeSvelteSafe` removes the mark. */
export const KEEP = '\uE005';

/**
 * mdsvex's own remark steps were written for its old parser: they entity-escape inline code and some `<` and `>` in
 * text, which the final step would then escape a second time. Inline code becomes a node they do not visit, and the
 * text they would touch is marked.
 */
function shieldFromMdsvex(tree: Root) {
	const walk = (parent: Parent) => {
		parent.children.forEach((child, i) => {
			if (child.type === 'inlineCode') {
				parent.children[i] = {
					type: 'shieldedCode',
					position: child.position,
					data: { hName: 'code', hChildren: [{ type: 'text', value: child.value }] }
				} as never;
			} else if (child.type === 'text') {
				child.value = child.value.replace(/\\</g, `\\${KEEP}<`).replace(/^([<>])$/, `${KEEP}$1`);
			} else if ('children' in child) walk(child as Parent);
		});
	};
	walk(tree);
}

/**
 * GFM footnotes as GitHub shows them: numbered in the order they are first called (also from inside another note), and
 * a "Chú thích" section at the end with a link back to each call. mdsvex's old HTML step knows only the footnotes of
 * its own parser.
 */
function footnotes(tree: Root) {
	const definitions = new Map<string, FootnoteDefinition>();
	const takeDefinitions = (parent: Parent) => {
		parent.children = parent.children.filter((child) => {
			if (child.type === 'footnoteDefinition') {
				if (!definitions.has(child.identifier)) definitions.set(child.identifier, child);
				return false;
			}
			if ('children' in child) takeDefinitions(child as Parent);
			return true;
		}) as never;
	};
	takeDefinitions(tree);
	const order: string[] = [];
	const calls = new Map<string, number>();
	const replaceCalls = (parent: Parent) => {
		parent.children.forEach((child, i) => {
			if (child.type !== 'footnoteReference') {
				if ('children' in child) replaceCalls(child as Parent);
				return;
			}
			const ref = child as FootnoteReference;
			if (!definitions.has(ref.identifier)) {
				parent.children[i] = { type: 'text', value: `[^${ref.label ?? ref.identifier}]` } as never;
				return;
			}
			if (!order.includes(ref.identifier)) order.push(ref.identifier);
			const n = order.indexOf(ref.identifier) + 1;
			const k = (calls.get(ref.identifier) ?? 0) + 1;
			calls.set(ref.identifier, k);
			parent.children[i] = {
				type: 'footnoteCall',
				position: ref.position,
				data: {
					hName: 'sup',
					hChildren: [
						{
							type: 'element',
							tagName: 'a',
							properties: {
								href: `#fn-${n}`,
								id: k === 1 ? `fnref-${n}` : `fnref-${n}-${k}`,
								className: ['footnote-ref']
							},
							children: [{ type: 'text', value: String(n) }]
						}
					]
				}
			} as never;
		});
	};
	replaceCalls(tree);
	// Notes may call other notes: number those as they are reached.
	for (let i = 0; i < order.length; i++) replaceCalls(definitions.get(order[i])!);
	if (!order.length) return;
	const items = order.map((id, i) => {
		const n = i + 1;
		const children = [...definitions.get(id)!.children] as RootContent[];
		const backs = Array.from({ length: calls.get(id) ?? 1 }, (_, k) => ({
			type: 'link',
			url: k === 0 ? `#fnref-${n}` : `#fnref-${n}-${k + 1}`,
			data: { hProperties: { className: ['footnote-backref'], ariaLabel: 'Quay lại chỗ đọc' } },
			children:
				k === 0
					? [{ type: 'text', value: '↩' }]
					: [
							{ type: 'text', value: '↩' },
							{ type: 'superscript', data: { hName: 'sup' }, children: [{ type: 'text', value: String(k + 1) }] }
						]
		}));
		const links = backs.flatMap((b) => [{ type: 'text', value: ' ' }, b]) as never[];
		const last = children[children.length - 1];
		if (last?.type === 'paragraph') last.children.push(...links);
		else children.push(...links.slice(1));
		return { type: 'listItem', spread: true, data: { hProperties: { id: `fn-${n}` } }, children };
	});
	tree.children.push({
		type: 'footnoteSection',
		data: { hName: 'section', hProperties: { className: ['footnotes'] } },
		children: [
			{ type: 'heading', depth: 2, children: [{ type: 'text', value: 'Chú thích' }] },
			{ type: 'list', ordered: true, start: 1, spread: true, children: items }
		]
	} as never);
}

/** Deeper than this, quotes and lists are not prose but a way to exhaust the parser (it recurses per level). */
export const MAX_NESTING = 100;

const CONTAINER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

/** Throws, naming the line, when quotes or list markers nest deeper than MAX_NESTING on one line. */
function checkNesting(source: string) {
	const lines = source.split('\n');
	for (let i = 0; i < lines.length; i++) {
		let rest = lines[i];
		let depth = 0;
		for (let m = CONTAINER.exec(rest); m && m[0].length; m = CONTAINER.exec(rest)) {
			rest = rest.slice(m[0].length);
			if (++depth > MAX_NESTING)
				throw Object.assign(new Error(`quotes or lists nested more than ${MAX_NESTING} levels deep`), {
					mdLine: i + 1,
					fix: `nest quotes and lists at most ${MAX_NESTING} levels deep`
				});
		}
		if (/^[ \t]{400}/.test(lines[i]))
			throw Object.assign(new Error('a line indented by more than 400 spaces'), {
				mdLine: i + 1,
				fix: 'indent lines less'
			});
	}
}

/**
 * Link reference definitions as CommonMark and GitHub read them: when a label is defined twice the first definition
 * wins (mdsvex's old HTML step would take the last), so the later ones are removed.
 */
function firstDefinitionWins(tree: Root) {
	const seen = new Set<string>();
	const walk = (parent: Parent) => {
		parent.children = parent.children.filter((child) => {
			if (child.type === 'definition') {
				if (seen.has(child.identifier)) return false;
				seen.add(child.identifier);
				return true;
			}
			if ('children' in child) walk(child as Parent);
			return true;
		}) as never;
	};
	walk(tree);
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]{1,31}):/;

/**
 * URL schemes are case-insensitive (`<MAILTO:…>`, `<HTTPS://…>` are links on GitHub): written in lower case, so every
 * later step that checks a scheme (the sanitiser's allowlist included) reads the link the browser would follow.
 */
function lowerSchemes(tree: Root) {
	const walk = (node: Nodes) => {
		if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && SCHEME.test(node.url))
			node.url = node.url.replace(SCHEME, (_, scheme: string) => `${scheme.toLowerCase()}:`);
		if ('children' in node) for (const child of node.children) walk(child);
	};
	walk(tree);
}

/** Parses a post body (frontmatter already blanked out) into mdast. */
export function parseMarkdown(source: string): Root {
	checkNesting(source);
	const tree = parseBlocks(source);
	firstDefinitionWins(tree);
	lowerSchemes(tree);
	footnotes(tree);
	shieldFromMdsvex(tree);
	return tree;
}

/** The parse itself, with the math and indented-code rules; also used for Markdown indented inside a component. */
function parseBlocks(source: string): Root {
	const tree = fromMarkdown(source, PARSE_OPTIONS());
	revertSpacedMath(tree, source);
	indentedCodeInComponents(tree, source);
	return tree;
}

/** A unified (v9, as bundled in mdsvex) plugin that makes `parseMarkdown` the parser. */
export function remarkCommonmark(this: { Parser: unknown }) {
	this.Parser = (doc: string) => parseMarkdown(String(doc));
}
