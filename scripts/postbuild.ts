/**
 * Finishes the static site after `vite build`: copies files that sit beside posts, removes what pages never load
 * (data files for client navigation and client JavaScript, since pages are rendered without it), and builds the
 * search index.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildDir } from '../src/lib/env.js';
import { copyMedia } from '../src/lib/content/media';
import { copyKatexAssets } from '../src/lib/markdown/katex-assets';
import { buildSearchIndex } from '../src/lib/search/build-index';
import { isMain } from './main';

/** Deletes `__data.json` and client scripts that no page references. */
export function pruneUnused(site: string): { removed: number } {
	const files = readdirSync(site, { recursive: true, encoding: 'utf8' })
		.map((f) => join(site, f))
		.filter((f) => statSync(f).isFile());
	const referenced = new Set<string>();
	for (const file of files.filter((f) => f.endsWith('.html'))) {
		for (const m of readFileSync(file, 'utf8').matchAll(/\/_app\/immutable\/[^"'\s)]+\.js/g)) referenced.add(m[0]);
	}
	let removed = 0;
	for (const file of files) {
		const rel = '/' + relative(site, file).split('\\').join('/');
		const unusedScript = rel.startsWith('/_app/immutable/') && rel.endsWith('.js') && !referenced.has(rel);
		if (rel.endsWith('__data.json') || unusedScript) {
			rmSync(file);
			removed++;
		}
	}
	return { removed };
}

/** Copies media and KaTeX's files into the written site, prunes what pages never load, builds the search index. */
export async function postbuild(site = resolve(buildDir())) {
	const copied = copyMedia(site);
	copyKatexAssets(site);
	const { removed } = pruneUnused(site);
	const search = await buildSearchIndex(site);
	console.log(
		`postbuild: ${copied} file(s) beside posts copied, ${removed} unused file(s) removed, ${search.pages} page(s) indexed for search`
	);
}

if (isMain(import.meta.url)) await postbuild();
