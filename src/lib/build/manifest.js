// The build's one hand-off file between its processes (types.ts: BuildManifest), and its one reader. Plain JavaScript
// because svelte.config.js, which Node runs as it is, reads it too (the site's version and the pages to prerender).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The environment variable that names the manifest for the stages `npm run build` starts. */
export const MANIFEST_ENV = 'COURSE_NOTES_MANIFEST';

/** Where `npm run build` writes the manifest, inside the project. @param {string} root @returns {string} */
export const manifestFile = (root = process.cwd()) => join(resolve(root), '.svelte-kit', 'course-notes', 'manifest.json');

/** @type {{ file: string, mtimeMs: number, size: number, manifest: import('./types.ts').BuildManifest } | undefined} */
let last;

/**
 * The manifest of the build this process is a stage of (`COURSE_NOTES_MANIFEST`), or of the file given; undefined
 * when there is none (`npm run dev`, a bare `vite build`). Read once per version of the file.
 * @param {string | undefined} [file]
 * @returns {import('./types.ts').BuildManifest | undefined}
 */
export function readManifest(file = process.env[MANIFEST_ENV]) {
	if (!file || !existsSync(file)) return undefined;
	const { mtimeMs, size } = statSync(file);
	if (last?.file !== file || last.mtimeMs !== mtimeMs || last.size !== size)
		last = { file, mtimeMs, size, manifest: JSON.parse(readFileSync(file, 'utf8')) };
	return last.manifest;
}

/**
 * Writes the manifest whole (beside, then renamed: a reader never sees half of it).
 * @param {string} file
 * @param {import('./types.ts').BuildManifest} manifest
 */
export function writeManifest(file, manifest) {
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(`${file}.tmp`, JSON.stringify(manifest));
	renameSync(`${file}.tmp`, file);
}

/**
 * Adds to the manifest what a later step knows (the report's totals).
 * @param {string} file
 * @param {(manifest: import('./types.ts').BuildManifest) => import('./types.ts').BuildManifest} change
 */
export function updateManifest(file, change) {
	writeManifest(file, change(readManifest(file) ?? {}));
}

/**
 * The post pages the build renders, for svelte.config.js's `prerender.entries`: the plan's, so that no route needs to
 * know which pages are kept from the last build. None without a manifest.
 * @param {import('./types.ts').BuildManifest | undefined} [manifest]
 * @returns {string[]}
 */
export function postEntries(manifest = readManifest()) {
	return (manifest?.plan?.render ?? []).map((slug) => `/posts/${slug}/`);
}
