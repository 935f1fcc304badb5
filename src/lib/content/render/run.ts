/**
 * Stage 2 of a post's path, `render`, as one worker thread runs it: the Markdown pipeline (`compilePost`: Markdown →
 * Svelte server component) with a URL resolver, then the component rendered to HTML once. Every URL the post writes
 * is resolved here, once, and returned with its target, so the check stage needs no file system.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { compilePost, type CompiledPost } from '../../markdown/compile.ts';
import { sanitizePost } from '../../markdown/sanitize.ts';
import type { Note, Trust } from '../../markdown/trust.ts';
import type { PostFacts } from '../../markdown/structure.ts';
import { publicUrl, resolveLink, type LinkTarget } from '../links.ts';
import { writeEntry } from './cache.ts';

/** What every post of a site shares: sent to each worker once. */
export interface SiteContext {
	postsDir: string;
	staticDir: string;
	slugs: string[];
	/** Post files published at another address than their name asks for (links.ts), by path in the posts folder. */
	moved?: Record<string, string>;
	base: string;
	/** Folder for each post's rendered HTML (`<slug>.json`); none for checks. */
	outDir?: string;
	/** A folder inside the project for components that must load from a file (so their imports resolve). */
	scratchDir: string;
	/** What a post may do (see markdown/trust.ts). */
	trust: Trust;
	/** Where rendered posts are cached (in a build). */
	cacheDir?: string;
	/** The key that signs the entries this workspace writes (cache.ts). */
	cacheSecret?: string;
}

export interface Job {
	slug: string;
	file: string;
	abs: string;
	body: string;
	title?: string;
	cover?: { url: string; line?: number };
	/** The post's content cache key, when its rendering is to be cached. */
	cacheKey?: string;
}

/** A URL written in a post (or its cover), with its line and what it points at. */
export interface Reference {
	url: string;
	line?: number;
	kind: 'link' | 'image' | 'cover';
	target: LinkTarget;
}

export interface Rendered {
	facts: Omit<PostFacts, 'references' | 'removed'>;
	references: Reference[];
	/** How far the post had to be degraded: 0 as written, 1 HTML normalised, 2 HTML as text. */
	level: 0 | 1 | 2;
	/** Why the first attempt failed, with its line, when level > 0. */
	failure?: { message: string; line?: number };
}

export type Outcome =
	| { ok: true; rendered: Rendered }
	| { ok: false; message: string; line?: number; fix?: string; budget?: 'time' | 'memory' };

/** The rendered body and head of a post, as written by a worker. */
export interface RenderedFile {
	html: string;
	head: string;
}

/** One line of an import, `import X from 'y';` (matched line by line: lazy groups across lines are quadratic). */
const IMPORT = /^import\s(.+)\sfrom\s+(['"])([^'"]+)\2;?[ \t]*$/;

/** `X, { a, b as c }` or `* as $` → `const` bindings from a module object. */
function bindings(clause: string, ref: string): string | undefined {
	const star = /^\*\s+as\s+([\w$]+)$/.exec(clause);
	if (star) return `const ${star[1]} = ${ref};`;
	const m = /^([\w$]+)?(?:\s*,)?\s*(?:\{([^}]*)\})?$/.exec(clause);
	if (!m) return undefined;
	const named = (m[2] ?? '')
		.split(',')
		.map((part) => part.trim().replace(/(?<!\s)\s+as\s+/, ': '))
		.filter(Boolean);
	return [
		m[1] ? `const ${m[1]} = ${ref}.default;` : '',
		named.length ? `const { ${named.join(', ')} } = ${ref};` : ''
	].join(' ');
}

/**
 * Turns a compiled server component into a function without loading it as a module: Node never unloads modules, so
 * importing a thousand posts would keep them all in memory. Components with other exports are imported from a file.
 */
async function evaluate(js: string, fallbackFile: string): Promise<Component> {
	const specifiers: string[] = [];
	let plain = true;
	// Imports and exports are all before the component function; after it, a line may start with "import" inside the
	// template's text (a code block), which is not code.
	const at = js.search(/^export default function\b/m);
	if (at < 0) plain = false;
	const header = js
		.slice(0, Math.max(0, at))
		.split('\n')
		.map((line) =>
			line.replace(IMPORT, (_, clause: string, _q, specifier: string) => {
				const code = bindings(clause.trim(), `__modules[${specifiers.length}]`);
				specifiers.push(specifier);
				if (code === undefined) plain = false;
				return code ?? '';
			})
		)
		.join('\n');
	const body = header + js.slice(Math.max(0, at)).replace(/^export default function\b/, 'return function');
	if (plain && !/^[^\S\n\r\u2028\u2029]*(import|export)\b/m.test(header)) {
		const modules = await Promise.all(specifiers.map((s) => import(s)));
		return new Function('__modules', body)(modules) as Component;
	}
	writeFileSync(fallbackFile, js);
	return ((await import(pathToFileURL(fallbackFile).href)) as { default: Component }).default;
}

/** The site's components a post may import: the `.svelte` files of src/lib/components. */
const COMPONENTS = new Set(
	readdirSync(fileURLToPath(new URL('../../components/', import.meta.url)))
		.filter((f) => f.endsWith('.svelte'))
		.map((f) => f.replace(/\.svelte$/, ''))
);

/** The line of the post where a removed thing (`<script>`, `onerror=`, `javascript: URL`) is written, if it is found. */
function lineOfRemoved(body: string, what: string): number | undefined {
	const needle = what.startsWith('<')
		? new RegExp(
				`<${what
					.slice(1, -1)
					.split(' ')[0]
					.replace(/[^\w-]/g, '')}\\b`,
				'i'
			)
		: what.endsWith('=')
			? new RegExp(`\\b${what.slice(0, -1)}\\s*=`, 'i')
			: new RegExp(what.replace(' URL', '').replace(/[^\w:]/g, ''), 'i');
	const at = body.search(needle);
	return at < 0 ? undefined : body.slice(0, at).split('\n').length;
}

/** Renders one job in this thread (needs the hooks that worker.mjs registers). */
export function makeRunner(site: SiteContext) {
	const slugs = new Set(site.slugs);
	const scratch = site.scratchDir;
	mkdirSync(scratch, { recursive: true });
	let n = 0;
	return async (job: Job): Promise<Outcome> => {
		const ctx = { postsDir: site.postsDir, staticDir: site.staticDir, slugs, moved: site.moved, postAbs: job.abs };
		const targets = new Map<string, LinkTarget>();
		const targetOf = (url: string) => {
			let target = targets.get(url);
			if (!target) targets.set(url, (target = resolveLink(url, ctx)));
			return target;
		};
		const options = {
			file: job.file,
			base: site.base,
			title: job.title,
			trust: site.trust,
			// Under content trust, the components posts may use (markdown/components.ts); a trusted author may use any.
			components: site.trust === 'author' ? COMPONENTS : undefined,
			resolve: (url: string) => publicUrl(targetOf(url))
		};
		let removed: string[] = [];
		let file: RenderedFile | undefined;
		let compiled: CompiledPost;
		try {
			compiled = await compilePost(job.body, options);
		} catch (error) {
			const { mdLine, fix } = error as { mdLine?: number; fix?: string };
			return { ok: false, message: (error as Error).message, line: mdLine, fix };
		}
		const renderTo = async (post: CompiledPost) => {
			const { body, head } =
				post.html !== undefined
					? { body: post.html, head: '' }
					: render(await evaluate(post.js, join(scratch, `${job.slug}.${process.pid}-${++n}.js`)));
			// After every plugin and the render: nothing later can put script back.
			const safe = sanitizePost(body);
			removed = safe.removed;
			file = { html: safe.html, head };
			if (site.outDir) writeFileSync(join(site.outDir, `${job.slug}.json`), JSON.stringify(file));
		};
		try {
			await renderTo(compiled);
		} catch (error) {
			// A component the post imports is missing or throws: publish the post with its HTML (and imports) as text.
			const message = `rendering failed: ${(error as Error).message.split('\n')[0]}`;
			try {
				compiled = await compilePost(job.body, { ...options, startLevel: 2 });
				compiled.failure = { message };
				await renderTo(compiled);
			} catch {
				return { ok: false, message };
			}
		}
		const { references: written, removed: early, ...facts } = compiled.facts;
		const all = [...early, ...removed.map((what) => ({ what, line: lineOfRemoved(job.body, what) }))];
		if (all.length) {
			const lines = all.map((r) => r.line).filter((l) => l !== undefined);
			const whats = [...new Set(all.map((r) => r.what))];
			const note: Note = {
				severity: 'warning',
				line: lines.length ? Math.min(...lines) : undefined,
				field: 'html',
				message: `expected HTML that is safe to publish, saw ${whats.join(', ')}; removed from the page`,
				fix: 'posts cannot run scripts, style the page or link to javascript:, vbscript: or data: URLs; embeds come from YouTube, Vimeo and Google Docs'
			};
			facts.notes = [...facts.notes, note];
		}
		const references: Reference[] = written.map((r) => ({ ...r, target: targetOf(r.url) }));
		if (job.cover) references.push({ ...job.cover, kind: 'cover', target: targetOf(job.cover.url) });
		const rendered: Rendered = { facts, references, level: compiled.level, failure: compiled.failure };
		if (site.cacheDir && site.cacheSecret && job.cacheKey && file)
			writeEntry(site.cacheDir, job.cacheKey, { rendered, file }, site.cacheSecret);
		return { ok: true, rendered };
	};
}
