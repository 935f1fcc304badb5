/**
 * Recognises how a student's source is laid out, by itself, and what in it is a post:
 *
 * - `project`: this project's layout, `posts/**.md` with files beside the posts, pictures in `static/`;
 * - `starter`: the SvelteKit blog starter's, `src/lib/posts/**.md`, pictures in `static/` (`/images/x.png` is
 *   `static/images/x.png`);
 * - `folder`: a plain folder of Markdown, pictures beside the posts.
 *
 * Left out, and counted by reason: the starter's own sample posts (by their content, whatever their name), README,
 * LICENSE and CHANGELOG files, SvelteKit route pages (`src/routes/**`), anything under `node_modules/`, hidden
 * files, and Markdown outside the posts folder. `planLayout` is pure (relative paths in, a plan out), so the fetch can
 * choose a branch and what to materialise from a listing alone; `readLayout` reads the materialised tree.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type LayoutKind = 'project' | 'starter' | 'folder';

/** Why a file of a source is not published. */
export type LeftOutReason =
	'sample' | 'readme' | 'license' | 'changelog' | 'route-page' | 'node_modules' | 'hidden' | 'outside-posts';

/** Why the fetch did not write a file of a source (the bounds and the safety rules). */
export type SkipReason =
	'symlink' | 'submodule' | 'unsafe-name' | 'too-large' | 'too-many-files' | 'source-too-large' | 'missing-blob';

/** What a listing of a source's files holds, before anything is read. Paths are relative, with `/`. */
export interface LayoutPlan {
	kind: LayoutKind;
	/** The posts folder (`posts`, `src/lib/posts`), `''` for a plain folder. */
	postsDir: string;
	/** `static` when the source has one. */
	staticDir?: string;
	/** Markdown files that are posts unless their content is a starter sample. */
	posts: string[];
	/** Other files to materialise: everything under static/, and pictures and files beside the posts. */
	assets: string[];
	/** Markdown that is not a post, kept to recognise samples among them (e.g. a copy under static/). */
	otherMarkdown: string[];
	/** Files left out by their path, by reason. */
	leftOut: Partial<Record<LeftOutReason, string[]>>;
}

/** A source as the content stage reads it: absolute paths in its materialised tree. */
export interface SourceLayout {
	kind: LayoutKind;
	/** The materialised tree. */
	root: string;
	/** Absolute posts folder (the tree itself for a plain folder). */
	postsDir: string;
	/** Absolute static folder, where the source's `/images/x.png` resolves; undefined when it has none. */
	staticDir?: string;
	/** Absolute paths of the posts, sorted. */
	posts: string[];
	/** How many files were left out, by reason (the fetch's reasons included). */
	leftOut: Partial<Record<LeftOutReason | SkipReason, number>>;
	/** Which files were left out (relative paths), for the log; samples also say which sample. */
	leftOutFiles: { path: string; reason: LeftOutReason; sample?: string }[];
}

const MARKDOWN = /\.(md|markdown)$/i;
/** Files beside posts (or in a plain folder) worth materialising: pictures, media, documents a post links to. */
const MEDIA =
	/\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?|heic|mp4|webm|ogg|ogv|mov|mp3|wav|m4a|flac|pdf|txt|csv|tsv|json|ya?ml|xml|zip|pptx?|docx?|xlsx?|odt|ods|odp|ipynb|py|js|ts|java|c|cpp|h|go|rs|sql|sh)$/i;
const NAMED: [RegExp, LeftOutReason][] = [
	[/^readme(\.[^/]*)?$/i, 'readme'],
	[/^(licen[cs]e|copying)(\.[^/]*)?$/i, 'license'],
	[/^(changelog|changes|history)(\.[^/]*)?$/i, 'changelog']
];

const under = (path: string, dir: string) => dir === '' || path.startsWith(`${dir}/`);

function byPath(path: string): LeftOutReason | undefined {
	const parts = path.split('/');
	if (parts.includes('node_modules')) return 'node_modules';
	if (parts.some((part) => part.startsWith('.'))) return 'hidden';
	return undefined;
}

function byName(path: string): LeftOutReason | undefined {
	const name = path.slice(path.lastIndexOf('/') + 1);
	for (const [pattern, reason] of NAMED) if (pattern.test(name)) return reason;
	if (path.startsWith('src/routes/')) return 'route-page';
	return undefined;
}

/** The layout of a source from the paths of its files (relative, `/`-separated). */
export function planLayout(paths: string[]): LayoutPlan {
	const leftOut: LayoutPlan['leftOut'] = {};
	const leave = (path: string, reason: LeftOutReason) => (leftOut[reason] ??= []).push(path);
	const kept: string[] = [];
	for (const path of paths) {
		const reason = byPath(path);
		// hidden files (.eslintrc, .github/) are counted only when they are Markdown, which could have been a post
		if (reason === 'node_modules' || (reason === 'hidden' && MARKDOWN.test(path))) leave(path, reason);
		else if (!reason) kept.push(path);
	}
	const markdown = kept.filter((p) => MARKDOWN.test(p));
	const countIn = (dir: string) => markdown.filter((p) => under(p, dir) && !byName(p)).length;
	const project = countIn('posts');
	const starter = countIn('src/lib/posts');
	const kind: LayoutKind = project && project >= starter ? 'project' : starter ? 'starter' : 'folder';
	const postsDir = kind === 'project' ? 'posts' : kind === 'starter' ? 'src/lib/posts' : '';
	const staticDir = kept.some((p) => p.startsWith('static/')) ? 'static' : undefined;

	const posts: string[] = [];
	const otherMarkdown: string[] = [];
	const assets: string[] = [];
	for (const path of kept) {
		const inStatic = staticDir !== undefined && under(path, staticDir);
		if (MARKDOWN.test(path)) {
			const reason = byName(path);
			if (reason) leave(path, reason);
			else if (under(path, postsDir) && !inStatic) posts.push(path);
			else {
				leave(path, 'outside-posts');
				// a copy of the samples under static/ is counted as samples once its text is read
				if (inStatic) otherMarkdown.push(path);
			}
			continue;
		}
		if (inStatic) assets.push(path);
		else if (kind !== 'folder' && under(path, postsDir)) assets.push(path);
		else if (kind === 'folder' && MEDIA.test(path) && !byName(path)) assets.push(path);
	}
	return { kind, postsDir, staticDir, posts, assets, otherMarkdown, leftOut };
}

/**
 * The starter's three sample posts (josh-collinsworth/sveltekit-blog-starter, `src/lib/posts/`, as they are in the
 * class's forks in ../shared/forks/, e.g. nhanlanguoi+Blog at acfa738): sentences of each, normalised by
 * `fingerprintText`, and the normalised length of its body. Students rename the files and some write their own post
 * over a sample's text under its name, so a post is a sample by what it says, never by its name.
 */
export const STARTER_SAMPLES: { name: string; sentences: string[]; length: number }[] = [
	{
		name: 'heading-links-example',
		sentences: [
			'here are some headings',
			'here s an h2',
			'as you ve probably guessed this is an h4',
			'this of course is an h5',
			'we re deep in h6 territory now'
		],
		length: 282
	},
	{
		name: 'mdsvex-component-example',
		sentences: [
			'this starter includes an callout svelte component',
			'it s not particularly useful on its own but here s how you might use it inside of a markdown post thanks to mdsvex',
			'this is an example of the callout svelte component',
			'you can inject any svelte components you want into markdown',
			'note that you cannot use markdown inside svelte components or html however'
		],
		length: 665
	},
	{
		name: 'syntax-highlighting-example',
		sentences: [
			'mdsvex has automatic built in syntax highlighting with prism js',
			'and that will render just like so',
			'here s how you d do javascript',
			'of course mdsvex supports svelte highlighting too',
			'all these colors are in src lib assets css prism css if you d like to change them'
		],
		length: 718
	}
];

/** A body's fingerprint: frontmatter dropped, NFC, lower case, every run of non-letters and non-digits one space. */
export function fingerprintText(text: string): string {
	const body = text.replace(/^\uFEFF?\s*---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, '');
	return ` ${body
		.normalize('NFC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()} `;
}

/**
 * Which starter sample a post is, if it is one: most of a sample's sentences are in it, and it is not much longer than
 * the sample (a student who kept the sample's text and wrote a post around it keeps the post).
 */
export function starterSample(text: string): string | undefined {
	const print = fingerprintText(text);
	for (const sample of STARTER_SAMPLES) {
		const hits = sample.sentences.filter((s) => print.includes(` ${s} `)).length;
		if (hits >= 3 && print.length <= sample.length * 2 + 200) return sample.name;
	}
	return undefined;
}

/** The files of a folder, relative with `/`, never following a symbolic link; the links are returned apart. */
export function listFolder(root: string): { files: string[]; links: string[] } {
	const files: string[] = [];
	const links: string[] = [];
	const walk = (dir: string, rel: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isSymbolicLink()) links.push(path);
			else if (entry.isDirectory()) walk(join(dir, entry.name), path);
			else if (entry.isFile()) files.push(path);
		}
	};
	walk(root, '');
	return { files: files.sort(), links: links.sort() };
}

/**
 * The layout of a materialised tree: the plan's posts that exist in it, less the starter's samples (read from
 * disk). `plan` defaults to the plan of the tree's own files; `extra` adds counts the fetch made (e.g. the files of a
 * `node_modules/` that was never written).
 */
export function readLayout(
	root: string,
	plan: LayoutPlan = planLayout(listFolder(root).files),
	extra: Partial<Record<LeftOutReason | SkipReason, number>> = {}
): SourceLayout {
	const leftOutFiles: SourceLayout['leftOutFiles'] = [];
	const posts: string[] = [];
	const sampleOf = (rel: string): string | undefined => {
		const abs = join(root, rel);
		try {
			if (!lstatSync(abs).isFile()) return undefined;
			return starterSample(readFileSync(abs, 'utf8'));
		} catch {
			return undefined;
		}
	};
	for (const rel of plan.posts) {
		const abs = join(root, rel);
		let exists = false;
		try {
			exists = lstatSync(abs).isFile();
		} catch {
			// not materialised (over a bound): the fetch named it
		}
		if (!exists) continue;
		const sample = sampleOf(rel);
		if (sample) leftOutFiles.push({ path: rel, reason: 'sample', sample });
		else posts.push(abs);
	}
	const samplesElsewhere = new Map<string, string>();
	for (const rel of plan.otherMarkdown) {
		const sample = sampleOf(rel);
		if (sample) samplesElsewhere.set(rel, sample);
	}
	for (const [reason, paths] of Object.entries(plan.leftOut) as [LeftOutReason, string[]][])
		for (const path of paths) {
			const sample = reason === 'outside-posts' ? samplesElsewhere.get(path) : undefined;
			leftOutFiles.push(sample ? { path, reason: 'sample', sample } : { path, reason });
		}
	leftOutFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	const leftOut: SourceLayout['leftOut'] = {};
	for (const { reason } of leftOutFiles) leftOut[reason] = (leftOut[reason] ?? 0) + 1;
	for (const [reason, n] of Object.entries(extra) as [LeftOutReason | SkipReason, number][])
		if (n) leftOut[reason] = (leftOut[reason] ?? 0) + n;
	return {
		kind: plan.kind,
		root,
		postsDir: plan.postsDir ? join(root, plan.postsDir) : root,
		...(plan.staticDir ? { staticDir: join(root, plan.staticDir) } : {}),
		posts: posts.sort(),
		leftOut,
		leftOutFiles
	};
}

/** How many posts a listing holds by name alone (samples are only known once read): chooses a branch. */
export const postsByName = (paths: string[]) => planLayout(paths).posts.length;
