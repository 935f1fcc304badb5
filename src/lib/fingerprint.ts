/**
 * The one fingerprint of the build: one sha256, one walker of folders, and one code version, hashed from the files an
 * output's code actually imports (followed from its entry modules, as svelte.dev's site hashes its renderer) plus the
 * lockfile, Node's version and the settings, never from a hand-kept list of folders. The content cache, the images
 * cache and the plan of pages all take their digests from here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The hex sha256 of some text or bytes. */
export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The files under a folder (relative, `/`-separated, in code-unit order) by hash; none when it does not exist. A link
 * is hashed by where it points, never followed: one in static/ may lead anywhere, or nowhere.
 */
export function treeHashes(dir: string, skip: (file: string) => boolean = () => false): Record<string, string> {
	if (!existsSync(dir)) return {};
	const out: Record<string, string> = {};
	const walk = (rel: string) => {
		for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
			const f = rel ? `${rel}/${entry.name}` : entry.name;
			if (skip(f)) continue;
			if (entry.isDirectory()) walk(f);
			else if (entry.isSymbolicLink()) out[f] = sha256(`link:${readlinkSync(join(dir, f))}`);
			else if (entry.isFile()) out[f] = sha256(readFileSync(join(dir, f)));
		}
	};
	walk('');
	return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One hash of a file or a folder (its files by hash); a missing path hashes as missing. */
export function treeHash(path: string): string {
	if (!existsSync(path)) return sha256('missing');
	return statSync(path).isDirectory() ? sha256(JSON.stringify(treeHashes(path))) : sha256(readFileSync(path));
}

/** `import … from './x'`, `export … from '../x'`, `import('./x')` and `$lib/…`: the project's own modules. */
const OWN_IMPORT = /(?:\bfrom|\bimport)\s*(?:\(\s*)?['"]((?:\.{1,2}|\$lib)\/[^'"\n]+)['"]/g;
const EXTENSIONS = ['', '.ts', '.js', '.mjs', '/index.ts', '/index.js'];

/**
 * Every file the entry modules import, followed through relative and `$lib/` imports (packages are the lockfile's):
 * absolute paths, sorted. `lib` is where `$lib` points.
 */
export function importGraph(entries: string[], lib: string): string[] {
	const seen = new Set<string>();
	const follow = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const [, spec] of readFileSync(file, 'utf8').matchAll(OWN_IMPORT)) {
			const target = spec.startsWith('$lib/') ? join(lib, spec.slice(5)) : join(dirname(file), spec);
			const found = EXTENSIONS.map((e) => target + e).find((f) => existsSync(f) && statSync(f).isFile());
			if (found) follow(found);
		}
	};
	for (const entry of entries) if (existsSync(entry)) follow(entry);
	return [...seen].sort();
}

/**
 * A hash of the code that makes an output: the given files (by path relative to `root` and content), the lockfile,
 * Node's version and the settings that change the output.
 */
export function codeVersion(files: string[], root: string, settings: Record<string, unknown>): string {
	const hash = createHash('sha256');
	for (const file of files) hash.update(relative(root, file).split('\\').join('/')).update(readFileSync(file));
	hash.update(treeHash(join(root, 'package-lock.json')));
	hash.update(process.version).update(JSON.stringify(settings));
	return hash.digest('hex');
}
