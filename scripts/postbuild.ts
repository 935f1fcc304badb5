/**
 * Finishes the static site after `vite build`: copies files that sit beside posts, removes what pages never load
 * (data files for client navigation and client JavaScript, since pages are rendered without it), and builds the
 * search index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { buildDir } from '../src/lib/env.js';
import { pdfEnabled } from '../src/lib/config';
import { copyMedia } from '../src/lib/content/media';
import { copyKatexAssets } from '../src/lib/markdown/katex-assets';
import { buildSearchIndex } from '../src/lib/search/build-index';
import { withContentSecurityPolicy } from '../src/lib/text/csp';
import { siteScripts } from '../src/lib/site/scripts';
import { xml2js } from 'xml-js';
import { firstNonXmlChar } from '../src/lib/text/control';
import { mapLimit } from '../src/lib/content/map-limit';
import { readManifest } from '../src/lib/build/manifest.js';
import type { BuildManifest, PagesPlan } from '../src/lib/build/types';
import { isMain } from './main';
import { printable } from '../src/lib/content/problems';

/**
 * One pass over the written site: every page gets its Content Security Policy (the site's own scripts by hash, WebAssembly only on
 * the search page), and client scripts that no page references are deleted (routes load in universal `+page.ts`
 * files, so prerendering writes no `__data.json`). Asynchronous, so that it runs while Pagefind indexes the pages.
 */
export async function finishPages(
	site: string,
	plan: Pick<PagesPlan, 'kept' | 'render' | 'reuseSite'>
): Promise<{ pages: number; removed: number }> {
	// Pages kept from the last build are finished already: when Vite did not run, all but the ones rendered now.
	const post = (slug: string) => join(site, 'posts', slug, 'index.html');
	const rendered = new Set(plan.render.map(post));
	const kept = new Set(plan.kept.map(post));
	const finished = (file: string) => (plan.reuseSite ? !rendered.has(file) : kept.has(file));
	const files = readdirSync(site, { recursive: true, encoding: 'utf8' })
		.map((f) => join(site, f))
		.filter((f) => statSync(f).isFile());
	const referenced = new Set<string>();
	const pages = files.filter((f) => f.endsWith('.html'));
	const scripts = siteScripts();
	await mapLimit(pages, 8, async (file) => {
		const html = await readFile(file, 'utf8');
		for (const m of html.matchAll(/\/_app\/immutable\/[^"'\s)]+\.js/g)) referenced.add(m[0]);
		if (finished(file)) return;
		const wasm = relative(site, file).split('\\').join('/') === 'search/index.html';
		// Replaced whole (written beside, then renamed): the search index may be reading the page meanwhile.
		await writeFile(`${file}.tmp`, withContentSecurityPolicy(html, { scripts, wasm }));
		await rename(`${file}.tmp`, file);
	});
	let removed = 0;
	for (const file of files) {
		const rel = '/' + relative(site, file).split('\\').join('/');
		if (rel.startsWith('/_app/immutable/') && rel.endsWith('.js') && !referenced.has(rel)) {
			await rm(file);
			removed++;
		}
	}
	return { pages: pages.length, removed };
}

/**
 * Checks that the feed and the sitemap are well-formed XML; when one is not, names the post whose entry is where the
 * parser stopped. Returns the problems (empty when both are fine).
 */
export function checkXml(site: string, postFiles: Record<string, string> = {}): string[] {
	const problems: string[] = [];
	for (const name of ['rss.xml', 'sitemap.xml']) {
		const file = join(site, name);
		if (!existsSync(file)) continue;
		const bytes = readFileSync(file);
		const text = bytes.toString('utf8');
		// A strict XML parser refuses what sax lets through: bytes that are not UTF-8, characters outside XML 1.0's Char.
		const strict = (): { line: number; reason: string } | undefined => {
			try {
				new TextDecoder('utf-8', { fatal: true }).decode(bytes);
			} catch {
				return { line: text.slice(0, text.indexOf('\uFFFD')).split('\n').length, reason: 'bytes that are not UTF-8' };
			}
			const bad = firstNonXmlChar(text);
			return bad && { line: bad.line, reason: `character ${bad.char} at line ${bad.line}, column ${bad.column}` };
		};
		try {
			const refused = strict();
			if (refused) throw Object.assign(new Error(refused.reason), { line: refused.line });
			xml2js(text);
		} catch (error) {
			const { message, line: given } = error as Error & { line?: number };
			// sax counts lines from 0
			const line = given ?? Number(/Line: (\d+)/.exec(message)?.[1] ?? 0) + 1;
			// the post of the entry (`<item>`, `<url>`) around that line, else the last one before it
			const at = line > 1 ? text.split('\n', line - 1).join('\n').length + 1 : 0;
			const start = Math.max(text.lastIndexOf('<item>', at), text.lastIndexOf('<url>', at), 0);
			const close = /<\/(?:item|url)>/.exec(text.slice(at));
			const entry = text.slice(start, close ? at + close.index : text.length);
			const posts = (part: string) => [...part.matchAll(/\/posts\/([^/<"]+)\//g)].map((m) => m[1]);
			const slug = posts(entry)[0] ?? posts(text.slice(0, at + (close?.index ?? 0))).pop();
			const post = slug ? (postFiles[slug] ?? `/posts/${slug}/`) : 'no post found';
			problems.push(`${name} is not well-formed XML (${message.split('\n')[0]}), near the entry of ${printable(post)}`);
		}
	}
	return problems;
}

/**
 * Checks the feed and sitemap, copies media and KaTeX's files, finishes the pages, builds the search index, and prints
 * each post to PDF when `pdf` is on (src/lib/config.ts, POST_PDF).
 */
export async function postbuild(
	site = resolve(buildDir()),
	manifest: BuildManifest | undefined = readManifest()
): Promise<number> {
	const started = performance.now();
	const plan = manifest?.plan ?? { kept: [], render: [], reuseSite: false };
	// Post files by slug, for messages.
	const postFiles = Object.fromEntries((manifest?.content?.posts ?? []).map((p) => [p.slug, p.file]));
	const xml = checkXml(site, postFiles);
	if (xml.length) {
		for (const problem of xml) console.error(`✖ ${problem}`);
		console.error('The feed or the sitemap would be broken: fix the post named above.');
		return 1;
	}
	const copied = copyMedia(site, manifest?.content?.media ?? {});
	copyKatexAssets(site);
	// The search index reads the post pages first; the pages are finished while Pagefind indexes them.
	let removed = 0;
	const search = await buildSearchIndex(site, async () => ({ removed } = await finishPages(site, plan)), { postFiles });
	console.log(
		`postbuild: ${copied} file(s) beside posts copied, ${removed} unused file(s) removed, ${search.pages} page(s) indexed for search in ${((performance.now() - started) / 1000).toFixed(1)} s`
	);
	// Loaded only when wanted: it starts Chromium.
	if (pdfEnabled()) return (await import('./pdf')).writePdfs({ site });
	return 0;
}

if (isMain(import.meta.url)) process.exitCode = await postbuild();
