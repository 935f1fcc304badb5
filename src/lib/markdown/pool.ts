/**
 * Compiles and renders many posts on all cores. Each worker thread runs the pipeline (`compilePost`: Markdown → Svelte
 * server component), imports the component and renders it to HTML once. The site's pages then read that HTML: no post
 * is bundled by Vite or rendered again at prerender time, which keeps the build fast and its memory flat.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { compilePost, type CompiledPost, type CompileOptions } from './compile.ts';

/** What every post of a site shares: sent to each worker once. */
export interface SiteContext {
	postsDir: string;
	staticDir: string;
	slugs: string[];
	/** Folder for each post's rendered HTML (`<slug>.json`), and components that must load from a file. */
	outDir: string;
}

export interface Job {
	slug: string;
	body: string;
	postAbs: string;
	options: Omit<CompileOptions, 'links'>;
}

/** A compiled and rendered post; the HTML itself is in `<outDir>/<slug>.json`, not in the message. */
export type Rendered = Omit<CompiledPost, 'js'>;
export type Outcome = { ok: true; result: Rendered } | { ok: false; message: string; mdLine?: number };

/** The rendered body and head of a post, as written by a worker. */
export interface RenderedFile {
	html: string;
	head: string;
}

const POSTS_PER_WORKER = 60;

/** The worker entry: plain ESM that registers tsx, so workers run the TypeScript pipeline as it is. */
const WORKER = fileURLToPath(new URL('./pool-worker.mjs', import.meta.url));

const IMPORT = /^import\s+(.+?)\s+from\s+(['"])([^'"]+)\2;?[ \t]*$/gm;

/** `X, { a, b as c }` or `* as $` → `const` bindings from a module object. */
function bindings(clause: string, ref: string): string | undefined {
	const star = /^\*\s+as\s+([\w$]+)$/.exec(clause);
	if (star) return `const ${star[1]} = ${ref};`;
	const m = /^([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?$/.exec(clause);
	if (!m) return undefined;
	const named = (m[2] ?? '')
		.split(',')
		.map((part) => part.trim().replace(/\s+as\s+/, ': '))
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
	const body = js
		.replace(IMPORT, (_, clause: string, _q, specifier: string) => {
			const code = bindings(clause.trim(), `__modules[${specifiers.length}]`);
			specifiers.push(specifier);
			if (code === undefined) plain = false;
			return code ?? '';
		})
		.replace(/^export default function\b/m, 'return function');
	if (plain && !/^\s*(import|export)\b/m.test(body)) {
		const modules = await Promise.all(specifiers.map((s) => import(s)));
		return new Function('__modules', body)(modules) as Component;
	}
	writeFileSync(fallbackFile, js);
	return ((await import(pathToFileURL(fallbackFile).href)) as { default: Component }).default;
}

/** Compiles and renders one job in this thread (needs the hooks that pool-worker.mjs registers). */
export function makeRunner(site: SiteContext) {
	const slugs = new Set(site.slugs);
	mkdirSync(site.outDir, { recursive: true });
	let n = 0;
	return async (job: Job): Promise<Outcome> => {
		const links = { postsDir: site.postsDir, staticDir: site.staticDir, slugs, postAbs: job.postAbs };
		let compiled: CompiledPost;
		try {
			compiled = await compilePost(job.body, { ...job.options, links });
		} catch (error) {
			return { ok: false, message: (error as Error).message, mdLine: (error as { mdLine?: number }).mdLine };
		}
		const renderTo = async (post: CompiledPost) => {
			const { body, head } = render(await evaluate(post.js, join(site.outDir, `${job.slug}.${process.pid}-${++n}.js`)));
			const out: RenderedFile = { html: body, head };
			writeFileSync(join(site.outDir, `${job.slug}.json`), JSON.stringify(out));
		};
		try {
			await renderTo(compiled);
		} catch (error) {
			// A component the post imports is missing or throws: publish the post with its HTML (and imports) as text.
			const message = `rendering failed: ${(error as Error).message.split('\n')[0]}`;
			try {
				compiled = await compilePost(job.body, { ...job.options, links, startLevel: 2 });
				compiled.failure = { message };
				await renderTo(compiled);
			} catch {
				return { ok: false, message };
			}
		}
		const { js: _js, ...result } = compiled;
		return { ok: true, result };
	};
}

/** Compiles every job; the outcome of job i is at index i. */
export async function compileAll(jobs: Job[], site: SiteContext): Promise<Outcome[]> {
	const threads = Math.max(1, Math.min(availableParallelism(), 4, Math.floor(jobs.length / POSTS_PER_WORKER)));
	const outcomes: Outcome[] = new Array(jobs.length);
	let next = 0;
	// A modest heap makes V8 collect early instead of growing, so the build's peak memory stays well under 1 GB; a post
	// too big for it is compiled again by a worker without the limit.
	const start = (limited: boolean) =>
		new Worker(WORKER, { workerData: site, resourceLimits: limited ? { maxOldGenerationSizeMb: 192 } : undefined });
	const runOn = (worker: Worker, job: Job) =>
		new Promise<Outcome>((done, fail) => {
			const onError = (error: Error) => fail(error);
			worker.once('error', onError);
			worker.once('message', (outcome: Outcome) => {
				worker.off('error', onError);
				done(outcome);
			});
			worker.postMessage(job);
		});
	await Promise.all(
		Array.from({ length: threads }, async () => {
			let worker = start(true);
			let limited = true;
			while (next < jobs.length) {
				const i = next++;
				try {
					outcomes[i] = await runOn(worker, jobs[i]);
				} catch (error) {
					await worker.terminate();
					if (!limited) throw error;
					worker = start((limited = false));
					outcomes[i] = await runOn(worker, jobs[i]);
				}
			}
			await worker.terminate();
		})
	);
	return outcomes;
}
