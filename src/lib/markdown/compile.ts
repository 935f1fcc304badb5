/**
 * The post pipeline, top to bottom: Markdown body → mdsvex (parser: CommonMark + GFM + math; remark: trust, alerts,
 * diagrams; rehype: structure, anchors, KaTeX, URLs, Svelte-safety) → HTML.
 *
 * Under `content` trust (the default) that HTML is the post: the site's components it uses are rendered into it from
 * their literal attributes (components.ts), and nothing the post contains is ever compiled or evaluated as code.
 * Under `author` trust (a site of one trusted author, opt-in) the mdsvex output is compiled as a Svelte server
 * component; a post that Svelte refuses is compiled again with its raw HTML normalised by an HTML parser, then with raw
 * HTML shown as text, so it is never dropped.
 */
import { mdsvex } from 'mdsvex';
import { compile as svelteCompile } from 'svelte/compiler';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeKatex from 'rehype-katex';
import { remarkCommonmark } from './parse.ts';
import { remarkTrust, type Components, type Trust } from './trust.ts';
import type { Root } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { raw } from 'hast-util-raw';
import { visit } from 'unist-util-visit';
import { withBase } from '../text/urls.ts';
import { highlightCode } from './highlight.ts';
import { remarkAlerts } from './alerts.ts';
import { remarkDiagrams } from './diagrams.ts';
import { rehypeStructure, rehypeUrls, type PostFacts } from './structure.ts';
import { rehypeSvelteSafe, restoreSentinels, stripSentinels } from './svelte-safe.ts';
import { POST_COMPONENTS, componentTag, finishPostHtml } from './components.ts';
import { removeMarks } from './site-mark.ts';
import { katexStrict } from './katex-strict.ts';

export interface CompileOptions {
	/** Path shown in messages, e.g. `posts/rpc.md`. */
	file: string;
	/** Base path without trailing slash (`''` or `/my-notes`). */
	base: string;
	title?: string;
	/**
	 * The URL the site publishes for a URL written in the post (a link to another post, a file beside it), before the
	 * base path; undefined keeps the author's URL. Given by the content module, which knows where posts live.
	 */
	resolve?: (url: string) => string | undefined;
	/** `content` (default): a post cannot run code; `author`: posts are full Svelte (see trust.ts). */
	trust?: Trust;
	/**
	 * The site's components a post may import (file names without `.svelte`): under `content` trust those of
	 * components.ts; under `author` trust, any the site has.
	 */
	components?: Components;
	/** Author trust: start at this degradation level (used when a post compiled but could not be rendered). */
	startLevel?: 0 | 1 | 2;
}

export interface CompiledPost {
	/** Author trust: JavaScript of a Svelte 5 server component; empty under content trust. */
	js: string;
	/** Content trust: the post's HTML, components rendered (not yet sanitised). */
	html?: string;
	facts: PostFacts;
	/** How far the post had to be degraded to compile: 0 as written, 1 HTML normalised, 2 HTML as text. */
	level: 0 | 1 | 2;
	/** Why the first attempt failed, with its line, when level > 0. */
	failure?: { message: string; line?: number };
}

/** A hast tree as mdsvex's old remark-rehype makes it: raw HTML stays in `raw` nodes. */
type Tree = Root;
/** The HTML of a `raw` node (hast's own types do not list it), or undefined for other nodes. */
const rawHtml = (n: { type: string }) => (n.type === 'raw' ? (n as unknown as { value: string }).value : undefined);

/** Level 1: run raw HTML through an HTML parser, as a browser would; the post's <script> is kept aside. */
function rehypeNormaliseHtml() {
	return (tree: Tree) => {
		const scripts: Tree['children'] = [];
		tree.children = tree.children.filter((n) => {
			const isScript = /^\s*<(script|style)\b/i.test(rawHtml(n) ?? '');
			if (isScript) scripts.push(n);
			return !isScript;
		});
		const parsed = raw(tree) as Tree;
		parsed.children = [...scripts, ...parsed.children];
		return parsed;
	};
}

/** Level 2: every piece of raw HTML (components included) is shown as the text it is. */
function rehypeHtmlAsText() {
	return (tree: Tree) => {
		tree.children = tree.children.filter((n) => !/^\s*<script\b/i.test(rawHtml(n) ?? ''));
		visit(tree as never, 'raw', (node: { type: string }) => {
			node.type = 'text';
		});
	};
}

function lineOf(error: unknown): number | undefined {
	const e = error as {
		mdLine?: number;
		start?: { line?: number };
		position?: { start?: { line?: number } };
		line?: number;
	};
	return e?.mdLine ?? e?.start?.line ?? e?.position?.start?.line ?? e?.line;
}

interface CallContext {
	options: CompileOptions;
	facts: PostFacts;
	/** The post writes HTML of its own (a script, a component, any tag). */
	writesHtml?: boolean;
	/** Content trust: the components the post imports, local name → component file. */
	imported: Map<string, string>;
}

/** Per-call state, looked up by the unique file name mdsvex passes to every plugin. */
const calls = new Map<string, CallContext>();
let callCounter = 0;

type VFileLike = { filename?: string };
const contextOf = (file: VFileLike) => calls.get(file.filename ?? '')!;

function withContext<T>(make: (ctx: CallContext) => (tree: T) => unknown) {
	return () => (tree: T, file: VFileLike) => make(contextOf(file))(tree);
}

const POST_COMPONENT_NAMES: Components = new Set(Object.keys(POST_COMPONENTS));

/** What a post may do: `content` unless the site says otherwise. */
const trustOf = (options: CompileOptions): Trust => options.trust ?? 'content';

/** Whether a Markdown tree holds HTML (raw tags, a script, a component) anywhere. */
function writesHtml(tree: MdastRoot): boolean {
	let found = false;
	visit(tree, 'html', () => {
		found = true;
		return false;
	});
	return found;
}

type Preprocessor = { markup(input: { content: string; filename: string }): Promise<{ code: string } | undefined> };
const processors = new Map<number, Preprocessor>();

/** One mdsvex processor per degradation level, built once and reused for every post. */
function processorFor(level: 0 | 1 | 2): Preprocessor {
	let processor = processors.get(level);
	if (processor) return processor;
	const rehypePlugins: unknown[] = [];
	if (level === 1) rehypePlugins.push(rehypeNormaliseHtml);
	if (level === 2) rehypePlugins.push(rehypeHtmlAsText);
	rehypePlugins.push(
		withContext<never>((ctx) => rehypeStructure({ title: ctx.options.title, facts: ctx.facts })),
		[
			rehypeAutolinkHeadings,
			{
				behavior: 'append',
				properties: { className: ['heading-anchor'], ariaLabel: 'Liên kết tới mục này' },
				content: { type: 'text', value: '#' }
			}
		],
		// Sizes a post writes (`\rule`, `\raisebox`, `\kern`) stay within 20 em, and macros expand a bounded number of times.
		[rehypeKatex, { throwOnError: false, strict: katexStrict, output: 'htmlAndMathml', maxSize: 20, maxExpand: 1000 }],
		withContext<never>((ctx) => {
			const { base, resolve: resolveUrl } = ctx.options;
			const resolve = (url: string) => {
				const p = resolveUrl?.(url);
				return p === undefined ? undefined : withBase(base, p);
			};
			return rehypeUrls({ base, facts: ctx.facts, resolve });
		}),
		withContext<never>((ctx) =>
			rehypeSvelteSafe(
				trustOf(ctx.options) === 'content'
					? {
							removed: ctx.facts.removed,
							components: new Set(ctx.imported.keys()),
							componentTag,
							asBrowser: true
						}
					: { removed: ctx.facts.removed }
			)
		)
	);
	processor = mdsvex({
		extension: '.md',
		smartypants: false,
		remarkPlugins: [
			remarkCommonmark,
			// Before any step adds HTML of the site's own (diagrams).
			withContext<MdastRoot>((ctx) => (tree) => {
				ctx.writesHtml = writesHtml(tree);
			}),
			withContext<never>((ctx) =>
				remarkTrust({
					trust: trustOf(ctx.options),
					components: ctx.options.components ?? POST_COMPONENT_NAMES,
					notes: ctx.facts.notes,
					// Content trust: the script is taken out; its components are rendered into the HTML by name.
					imported: trustOf(ctx.options) === 'content' ? ctx.imported : undefined
				})
			),
			remarkAlerts,
			withContext<never>((ctx) => remarkDiagrams({ notes: ctx.facts.notes }))
		] as never,
		rehypePlugins: rehypePlugins as never,
		highlight: { highlighter: (code: string, lang: string | null | undefined) => highlightCode(code, lang) },
		// Frontmatter is read by the content module; mdsvex must not look for it again in the body.
		frontmatter: { marker: '\u0000', type: 'yaml', parse: () => ({}) }
	}) as unknown as Preprocessor;
	processors.set(level, processor);
	return processor;
}

/** Where a Svelte error points in the generated source, found again in the author's Markdown. */
function markdownLine(error: unknown, svelte: string, body: string): number | undefined {
	const start = (error as { position?: [number, number] })?.position?.[0];
	if (start === undefined) return lineOf(error);
	const lineAt = (snippet: string, from: 'first' | 'last') => {
		if (snippet.length < 4) return undefined;
		const at = from === 'first' ? body.indexOf(snippet) : body.lastIndexOf(snippet);
		return at >= 0 ? body.slice(0, at).split('\n').length : undefined;
	};
	// The code Svelte points at, as the author wrote it…
	const here = restoreSentinels(svelte.slice(start, start + 40))
		.split('\n')[0]
		.trim()
		.slice(0, 20);
	// …or else the last words of text before it (Svelte often points at a tag mdsvex wrote, not the author).
	const before = tagsToNewlines(restoreSentinels(svelte.slice(Math.max(0, start - 400), start)))
		.split('\n')
		.map((t) => t.trim())
		.filter((t) => t.length >= 4)
		.pop()
		?.slice(-20);
	return lineAt(here, 'first') ?? (before ? lineAt(before, 'first') : undefined);
}

/**
 * Every `<…>` (from a `<` to the next `>`) replaced by a newline, as `.replace(/<[^>]*>/g, '\n')` would, with indexOf:
 * that pattern reads to the end again from every `<` once no `>` follows (quadratic).
 */
function tagsToNewlines(text: string): string {
	let out = '';
	let at = 0;
	for (;;) {
		const open = text.indexOf('<', at);
		const close = open < 0 ? -1 : text.indexOf('>', open);
		if (close < 0) return out + text.slice(at);
		out += `${text.slice(at, open)}\n`;
		at = close + 1;
	}
}

async function attempt(
	body: string,
	options: CompileOptions,
	level: 0 | 1 | 2
): Promise<{ js: string; html?: string; facts: PostFacts }> {
	const facts: PostFacts = { headings: [], words: 0, references: [], ids: [], notes: [], removed: [] };
	const filename = `${options.file}#${++callCounter}.md`;
	const context: CallContext = { options, facts, imported: new Map() };
	calls.set(filename, context);
	let svelte = '';
	try {
		const out = await processorFor(level).markup({ content: body, filename });
		if (!out) throw new Error('mdsvex returned nothing');
		svelte = restoreSentinels(out.code);
		// Content trust: the HTML is the post. A post in Markdown alone holds only the site's own markup.
		if (trustOf(options) === 'content')
			return {
				js: '',
				html: context.writesHtml ? await finishPostHtml(svelte, context.imported) : removeMarks(svelte),
				facts
			};
		svelte = removeMarks(svelte);
		const result = svelteCompile(svelte, {
			filename: options.file.replace(/\.md$/, '.svelte'),
			generate: 'server',
			css: 'injected',
			dev: false
		});
		return { js: result.js.code, facts };
	} catch (error) {
		const line = svelte ? markdownLine(error, svelte, body) : lineOf(error);
		throw Object.assign(error as Error, { mdLine: line });
	} finally {
		calls.delete(filename);
	}
}

const CALLOUT_IMPORT = "import Callout from '$lib/components/Callout.svelte';";

/**
 * Where the first `<script>` tag at the start of a line that is not the module script ends (after its `>`), as
 * `/^<script(?![^>]*context=|[^>]*\bmodule\b)[^>]*>/m` would find it; with indexOf, since that pattern reads to the
 * end again from every line once no `>` follows (quadratic).
 */
function instanceScriptEnd(body: string): number | undefined {
	for (const open of body.matchAll(/^<script/gm)) {
		const close = body.indexOf('>', open.index);
		if (close < 0) return undefined;
		const tag = body.slice(open.index, close + 1);
		if (!tag.includes('context=') && !/\bmodule\b/.test(tag)) return close + 1;
	}
	return undefined;
}

/** Posts may use <Callout> without importing it (starters import it in a layout): add the import they meant. */
export function importCallout(body: string): string {
	if (!/<Callout[\s>/]/.test(body) || /import\s+Callout\b/.test(body)) return body;
	const end = instanceScriptEnd(body);
	if (end !== undefined) return body.slice(0, end) + `\n\t${CALLOUT_IMPORT}` + body.slice(end);
	// On the first line, which is blank wherever frontmatter was, so line numbers in messages stay right.
	const line = `<script>${CALLOUT_IMPORT}</script>`;
	return body.startsWith('\n') ? line + body : `${line}\n${body}`;
}

/**
 * Compiles a post body (frontmatter already removed): into its HTML under content trust, into a Svelte server component
 * under author trust.
 */
export async function compilePost(body: string, options: CompileOptions): Promise<CompiledPost> {
	const text = importCallout(stripSentinels(body));
	if (trustOf(options) === 'content') {
		const { js, html, facts } = await attempt(text, options, 0);
		return { js, html, facts, level: 0 };
	}
	let failure: CompiledPost['failure'];
	for (const level of ([0, 1, 2] as const).filter((l) => l >= (options.startLevel ?? 0))) {
		try {
			const { js, html, facts } = await attempt(text, options, level);
			return { js, html, facts, level, failure };
		} catch (error) {
			failure ??= { message: (error as Error).message.split('\n')[0], line: (error as { mdLine?: number }).mdLine };
			if (level === 2) throw error;
		}
	}
	throw new Error('unreachable');
}
