/**
 * The plan of a build and the record of the last one: how the build decides what to make again.
 *
 * Every post page depends on the site key (the code that makes pages, the settings, the pictures and files pages use:
 * everything shared) and on its own input: its rendered body and what it shows of the other posts (its entry and its
 * place among them: content/pages.ts). After a build, the record keeps each post page's input and file hash, every
 * other file of the site by hash, the listing facts (every post's entry and the categories) and the server Vite built.
 * The next build into the same folder keeps a post's page when the site key and its input are the same and the page
 * file is exactly as recorded; a title changed in one post thus makes that post and the posts that show it (its
 * neighbours) again, not every page. When, besides, the listing facts, the server and every other file are exactly as
 * recorded, only the changed post pages are rendered, by that server, and Vite does not run (scripts/render-pages.ts);
 * otherwise Vite renders the listing pages and every post page but the kept ones. A file edited, damaged or removed
 * since is rendered again, never published as found.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { postContext } from '../content/pages.ts';
import type { PostEntry } from '../content/model.ts';
import { sha256, treeHash, treeHashes } from '../fingerprint.ts';
import type { PagesPlan } from './types.ts';

/** What a build leaves for the next one. */
export interface PagesRecord {
	key: string;
	site: string;
	pages: Record<string, { input: string; page: string }>;
	/** Every other file of the site but the search index (rebuilt each time), by hash. */
	files: Record<string, string>;
	/** A hash of what the listing pages are made from: every post's entry and the categories. */
	listings?: string;
	/** A hash of the server Vite built (`.svelte-kit/output/server`). */
	server: string;
}

/** The facts of the content stage's result that pages are made from. */
export interface SiteFacts {
	posts: { slug: string }[];
	categories: unknown;
	images: unknown;
	media: unknown;
	htmlDir: string;
}

/**
 * What shapes every page besides the posts: the code Vite bundles (src/, with its routes and components), static/, the
 * configuration and lockfile, and the code that renders and finishes pages outside Vite. The content stage's own
 * scripts (pdf, checks, the benchmark) are not in it: editing them re-renders no page.
 */
const SOURCES = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json',
	'scripts/render-pages.ts',
	'scripts/postbuild.ts'
];

/** A hash of everything every page is made from: code, settings, and the pictures and files pages use. */
export function siteKey(root: string, facts: SiteFacts, settings: Record<string, unknown>): string {
	const sources = SOURCES.map((s) => [s, treeHash(join(root, s))]);
	const { images, media } = facts;
	return sha256(JSON.stringify([sources, images, media, settings, process.version]));
}

/** A hash of what the listing pages are made from: every post's entry, in order, and the categories. */
export const listingsKey = (facts: SiteFacts) => sha256(JSON.stringify([facts.posts, facts.categories]));

/**
 * Each post page's input: a hash of its rendered body (as the content stage wrote it) and of what it shows of the
 * other posts (content/pages.ts), so that a post's page is made again when it, or a post it shows, changed.
 */
export function postInputs(facts: SiteFacts): Record<string, string> {
	const posts = facts.posts as PostEntry[];
	return Object.fromEntries(
		posts.map((p) => {
			const file = join(facts.htmlDir, `${p.slug}.json`);
			if (!existsSync(file)) return [p.slug, ''];
			return [p.slug, sha256(JSON.stringify([sha256(readFileSync(file)), postContext(posts, p.slug)]))];
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

/** The server Vite built, as one hash. */
export const serverHash = (root: string) =>
	treeHash(join(root, '.svelte-kit', 'output', 'server'));

/** The files of a site that are neither a post's page nor the search index. */
function otherFiles(site: string, slugs: Iterable<string>): Record<string, string> {
	const pages = new Set([...slugs].map((slug) => `posts/${slug}/index.html`));
	return treeHashes(site, (f) => f.startsWith('pagefind/') || pages.has(f));
}

/**
 * Whether the last build's server can render the pages that are not kept into the site as it is: the record matches
 * this build, the listing pages are made from the same facts, and the server and every other file of the site are
 * exactly as recorded (none added, changed or gone).
 */
function intactBy(record: PagesRecord | undefined, root: string, site: string, plan: PlanInputs) {
	if (!record?.files || !record.server || record.listings !== plan.listings || serverHash(root) !== record.server)
		return false;
	return JSON.stringify(otherFiles(site, Object.keys(plan.inputs))) === JSON.stringify(record.files);
}

/** What a build's pages are made from, as the record keeps it. */
export type PlanInputs = Pick<PagesPlan, 'key' | 'inputs' | 'listings'>;

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
export function recordPages(recordFile: string, site: string | undefined, plan: PlanInputs, root = '') {
	rmSync(recordFile, { force: true });
	if (!site) return;
	const { key, inputs, listings } = plan;
	const pages: PagesRecord['pages'] = {};
	for (const [slug, input] of Object.entries(inputs)) {
		const file = pageFile(site, slug);
		if (input && existsSync(file)) pages[slug] = { input, page: sha256(readFileSync(file)) };
	}
	const files = otherFiles(site, Object.keys(inputs));
	const record: PagesRecord = { key, site, pages, files, listings, server: root ? serverHash(root) : '' };
	mkdirSync(dirname(recordFile), { recursive: true });
	writeFileSync(recordFile, JSON.stringify(record));
}

/**
 * Decides which pages of the last build into `site` are kept and whether Vite must run; when it must, sets the kept
 * pages aside (Vite empties the folder). Returns the plan (the build writes it into the manifest); the record of the
 * last build is forgotten until this one finishes.
 */
export function planPages(
	paths: { pages: string; held: string },
	root: string,
	site: string,
	facts: SiteFacts,
	settings: Record<string, unknown>
): PagesPlan {
	const listings = listingsKey(facts);
	const key = siteKey(root, facts, settings);
	const inputs = postInputs(facts);
	const record = matchingRecord(paths.pages, site, key);
	const kept = keptBy(record, site, inputs);
	const reuseSite = intactBy(record, root, site, { key, inputs, listings });
	recordPages(paths.pages, undefined, { key, inputs, listings });
	rmSync(paths.held, { recursive: true, force: true });
	if (!reuseSite) movePages(site, paths.held, kept);
	const keptSet = new Set(kept);
	const render = Object.keys(inputs)
		.sort()
		.filter((slug) => !keptSet.has(slug));
	// The site's version (`_app/version.json`) follows the listing facts.
	return { version: listings.slice(0, 16), key, listings, inputs, kept, render, reuseSite };
}
