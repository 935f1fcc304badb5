/**
 * Pages kept from the previous build. After a build, every file of the site is recorded with its hash, each post page
 * also with a hash of what decided it (its rendered body from the content stage), and so is the server Vite built.
 * The next build into the same folder keeps a post's page when nothing else changed (the site's code, settings and
 * every post's listing facts, together the site key) and the post's rendered body and the page file are exactly as
 * recorded. When, besides, the rest of the site and the server are exactly as recorded, only the other post pages are
 * rendered, by that server, and Vite does not run (scripts/render-pages.ts); otherwise Vite renders every page but the
 * kept ones. A file edited, damaged or removed since is rendered again, never published as found.
 */
import { createHash } from 'node:crypto';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	readlinkSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { PagesPlan } from '../src/lib/build/types';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** What a build leaves for the next one. */
export interface PagesRecord {
	key: string;
	site: string;
	pages: Record<string, { input: string; page: string }>;
	/** Every other file of the site but the search index (rebuilt each time), by hash. */
	files: Record<string, string>;
	/** A hash of the server Vite built (`.svelte-kit/output/server`). */
	server: string;
}

/** The facts of the content stage's result that pages other than a post's own are made from. */
export interface SiteFacts {
	posts: { slug: string }[];
	categories: unknown;
	images: unknown;
	media: unknown;
	htmlDir: string;
}

/** The site's own files that shape every page: its code, configuration, lockfile and static files. */
const SOURCES = ['src', 'scripts', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/** A hash of everything a page is made from except the bodies of posts. */
export function siteKey(root: string, facts: SiteFacts, settings: Record<string, unknown>): string {
	const sources = SOURCES.filter((s) => existsSync(join(root, s))).map((s) => {
		const path = join(root, s);
		return [s, statSync(path).isDirectory() ? hashes(path) : sha256(readFileSync(path))];
	});
	const { posts, categories, images, media } = facts;
	return sha256(JSON.stringify([sources, posts, categories, images, media, settings, process.version]));
}

/** A hash of each post's rendered body, as the content stage wrote it. */
export function postInputs(facts: SiteFacts): Record<string, string> {
	return Object.fromEntries(
		facts.posts.map((p) => {
			const file = join(facts.htmlDir, `${p.slug}.json`);
			return [p.slug, existsSync(file) ? sha256(readFileSync(file)) : ''];
		})
	);
}

/** Where a post's page is written in a site. */
const pageFile = (dir: string, slug: string) => join(dir, 'posts', slug, 'index.html');

function readRecord(file: string): PagesRecord | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as PagesRecord;
	} catch {
		return undefined;
	}
}

/** The last build's record, when it was of this folder with this site key. */
function matchingRecord(recordFile: string, site: string, key: string): PagesRecord | undefined {
	const record = readRecord(recordFile);
	return record && record.key === key && record.site === site ? record : undefined;
}

/** The posts whose page in `site` can be kept: the record matches this build and the page is as it was written. */
export function keptPages(recordFile: string, site: string, key: string, inputs: Record<string, string>): string[] {
	return keptBy(matchingRecord(recordFile, site, key), site, inputs);
}

function keptBy(record: PagesRecord | undefined, site: string, inputs: Record<string, string>): string[] {
	if (!record) return [];
	return Object.keys(inputs)
		.sort()
		.filter((slug) => {
			const was = record.pages[slug];
			const file = pageFile(site, slug);
			return (
				was && inputs[slug] && was.input === inputs[slug] && existsSync(file) && sha256(readFileSync(file)) === was.page
			);
		});
}

/** The files of a folder (relative, `/`-separated) by hash; none when it does not exist. */
function hashes(dir: string, skip: (file: string) => boolean = () => false): Record<string, string> {
	if (!existsSync(dir)) return {};
	const out: Record<string, string> = {};
	// Links are hashed by where they point, never followed: one in static/ may lead anywhere, or nowhere.
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

/** The server Vite built, as one hash. */
export const serverHash = (root: string) =>
	sha256(JSON.stringify(hashes(join(root, '.svelte-kit', 'output', 'server'))));

/** The files of a site that are neither a post's page nor the search index. */
function otherFiles(site: string, slugs: Iterable<string>): Record<string, string> {
	const pages = new Set([...slugs].map((slug) => `posts/${slug}/index.html`));
	return hashes(site, (f) => f.startsWith('pagefind/') || pages.has(f));
}

/**
 * Whether the last build's server can render the pages that are not kept into the site as it is: the record matches
 * this build, and the server and every other file of the site are exactly as recorded (none added, changed or gone).
 */
export function reusableSite(
	recordFile: string,
	root: string,
	site: string,
	key: string,
	inputs: Record<string, string>
): boolean {
	return intactBy(matchingRecord(recordFile, site, key), root, site, inputs);
}

function intactBy(record: PagesRecord | undefined, root: string, site: string, inputs: Record<string, string>) {
	if (!record?.files || !record.server || serverHash(root) !== record.server) return false;
	return JSON.stringify(otherFiles(site, Object.keys(inputs))) === JSON.stringify(record.files);
}

/** Moves the pages of `slugs` from `from` to `to` (a rename: the site's folder is emptied by Vite in between). */
export function movePages(from: string, to: string, slugs: string[]): void {
	for (const slug of slugs) {
		const [source, target] = [pageFile(from, slug), pageFile(to, slug)];
		mkdirSync(dirname(target), { recursive: true });
		try {
			renameSync(source, target);
		} catch (error) {
			// The site's folder may be on another file system (BUILD_DIR in /tmp).
			if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
			copyFileSync(source, target);
			rmSync(source);
		}
	}
}

/** Records the finished site of a build; with no site (a failed build), removes the record. */
export function recordPages(
	recordFile: string,
	site: string | undefined,
	key: string,
	inputs: Record<string, string>,
	root = ''
) {
	rmSync(recordFile, { force: true });
	if (!site) return;
	const pages: PagesRecord['pages'] = {};
	for (const [slug, input] of Object.entries(inputs)) {
		const file = pageFile(site, slug);
		if (input && existsSync(file)) pages[slug] = { input, page: sha256(readFileSync(file)) };
	}
	const files = otherFiles(site, Object.keys(inputs));
	const record: PagesRecord = { key, site, pages, files, server: root ? serverHash(root) : '' };
	mkdirSync(dirname(recordFile), { recursive: true });
	writeFileSync(recordFile, JSON.stringify(record));
}

/**
 * Decides which pages of the last build into `site` are kept and whether Vite must run; when it must, sets the kept
 * pages aside (Vite empties the folder). Returns the plan (the build writes it into the manifest); the record of the last build is forgotten until this one
 * finishes.
 */
export function planPages(
	paths: { pages: string; held: string },
	root: string,
	site: string,
	facts: SiteFacts,
	settings: Record<string, unknown>
): PagesPlan {
	const version = sha256(JSON.stringify([facts.posts, facts.categories])).slice(0, 16);
	const key = siteKey(root, facts, { ...settings, version });
	const inputs = postInputs(facts);
	const record = matchingRecord(paths.pages, site, key);
	const kept = keptBy(record, site, inputs);
	const reuseSite = intactBy(record, root, site, inputs);
	recordPages(paths.pages, undefined, key, inputs);
	rmSync(paths.held, { recursive: true, force: true });
	if (!reuseSite) movePages(site, paths.held, kept);
	const keptSet = new Set(kept);
	const render = Object.keys(inputs)
		.sort()
		.filter((slug) => !keptSet.has(slug));
	return { version, key, inputs, kept, render, reuseSite };
}
