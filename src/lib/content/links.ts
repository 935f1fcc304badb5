/**
 * What a URL written in a post points at: another post (`./other.md`, `other.md#part`, `/posts/other/`), a file
 * beside the post (`hinh/so-do.png`), a file of the site (`/images/x.png` in static/), or somewhere else.
 * One implementation for the build (which rewrites the URL) and for `check:posts` (which warns).
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { slugFromFileName } from '../text/slug.ts';
import { decodeUrl, encodePath, postPath } from '../text/urls.ts';
import { sanitizeSvg } from './svg.ts';

export type LinkTarget =
	| { kind: 'post'; slug: string; hash: string; exists: boolean }
	| { kind: 'file'; abs: string; publicPath: string; exists: boolean; refused?: string }
	/** A file of static/; `abs` only when it exists inside static/ (no `..`, no hidden part, no link out). */
	| { kind: 'site'; path: string; exists: boolean | undefined; abs?: string }
	| { kind: 'other' };

export interface LinkContext {
	/** Absolute path of the post that contains the link. */
	postAbs: string;
	/** Absolute path of the posts folder. */
	postsDir: string;
	/** Absolute path of static/. */
	staticDir: string;
	/** Slugs of every post that will be published. */
	slugs: Set<string>;
	/**
	 * The address of each post file whose name asks for another post's address (see address.ts), by its path in the
	 * posts folder (`0/rpc.md` → `0-rpc`); every other post's address comes from its file name.
	 */
	moved?: Record<string, string>;
}

/** Splits `path#hash` and `path?query#hash`, keeping the hash (without `#`). */
function split(url: string): { path: string; hash: string } {
	const hashAt = url.indexOf('#');
	const hash = hashAt >= 0 ? url.slice(hashAt + 1) : '';
	let path = hashAt >= 0 ? url.slice(0, hashAt) : url;
	const q = path.indexOf('?');
	if (q >= 0) path = path.slice(0, q);
	return { path, hash };
}

const MARKDOWN = /\.(md|markdown|svx)$/i;

/** Where the public copy of a file beside a post lives on the site. */
export function mediaPath(postsDir: string, abs: string): string {
	const rel = relative(postsDir, abs).split(sep).join('/');
	const safe = rel
		.split('/')
		.filter((part) => part !== '..' && part !== '.')
		.join('/');
	return `/media/${encodePath(safe)}`;
}

/** The kinds of file beside a post that the site publishes: media, documents, data and source code. */
const PUBLISHED = new RegExp(
	`\\.(${[
		'png jpe?g gif webp avif svg bmp ico tiff?',
		'mp3 wav ogg oga m4a flac aac mp4 webm mov m4v ogv vtt',
		'pdf docx? xlsx? pptx? odt ods odp rtf epub',
		'zip tar gz tgz bz2 xz 7z rar',
		'csv tsv txt json ya?ml toml ini log ipynb',
		'py go java js mjs cjs ts jsx tsx c h cpp cc hpp cs rs rb php kt swift scala sql sh bat ps1 lua r m proto'
	]
		.join(' ')
		.split(' ')
		.join('|')})$`,
	'i'
);

/**
 * Documents a browser opens as a page of the site's origin, where their script would run as the site (on GitHub
 * Pages, as every project site of the same owner): never published beside a post. SVG is published cleaned (svg.ts).
 */
export const DOCUMENT = /\.(x?html?|xht|shtml|mht(ml)?|xml|xsl|xslt|xsd|rss|atom|rdf|svgz|swf)$/i;

/** Why an SVG file cannot be published, by file and version: a build resolves each link in a worker and again for the cache. */
const svgVerdicts = new Map<string, string | undefined>();

function svgRefusal(real: string): string | undefined {
	const { mtimeMs, size } = statSync(real);
	const key = `${real}\0${mtimeMs}\0${size}`;
	if (!svgVerdicts.has(key)) {
		const result = sanitizeSvg(readFileSync(real));
		svgVerdicts.set(
			key,
			result.ok ? undefined : `it is not an SVG drawing the site can publish safely (${result.reason})`
		);
	}
	return svgVerdicts.get(key);
}

/**
 * Why a file beside a post is not published, or undefined when it is: its real path (links followed) must stay inside
 * the posts folder, no part of its path may start with `.`, and it must be of a kind the site publishes.
 */
function refusal(abs: string, ctx: LinkContext): string | undefined {
	let real: string;
	try {
		real = realpathSync(abs);
	} catch {
		return 'it cannot be read';
	}
	const rel = relative(realpathSync(ctx.postsDir), real);
	if (rel.startsWith('..') || isAbsolute(rel)) return 'it is a link that leads out of the posts folder';
	if (
		relative(ctx.postsDir, abs)
			.split(sep)
			.some((part) => part.startsWith('.')) ||
		rel.split(sep).some((part) => part.startsWith('.'))
	)
		return 'hidden files (names starting with ".") are never published';
	if (!statSync(real).isFile()) return 'it is not a file';
	if (DOCUMENT.test(abs) || DOCUMENT.test(real))
		return 'it is an HTML or XML document, which would open as a page of the site and could run script there (share its text as a code block in the post, or as a .txt file)';
	// The site publishes the file under the name the post links to (a link's name, not its target's), so both count.
	if (/\.svg$/i.test(abs) || /\.svg$/i.test(real)) return svgRefusal(real);
	if (!PUBLISHED.test(abs) || !PUBLISHED.test(real))
		return 'the site publishes only images, audio, video, documents, archives, data and source files';
	return undefined;
}

/** `{ abs }` for a file that really lies inside static/ and is not hidden, else nothing. */
function inStatic(file: string, ctx: LinkContext): { abs?: string } {
	try {
		const rel = relative(realpathSync(ctx.staticDir), realpathSync(file));
		if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).some((p) => p.startsWith('.'))) return {};
		return statSync(file).isFile() ? { abs: file } : {};
	} catch {
		return {};
	}
}

/** Classifies a URL from a post. `base`-less: callers apply the base path. */
export function resolveLink(rawUrl: string, ctx: LinkContext): LinkTarget {
	const url = rawUrl.trim().replace(/^<|>$/g, '');
	if (!url || url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { kind: 'other' };
	const { path, hash } = split(url);
	if (!path) return { kind: 'other' };
	const decoded = decodeUrl(path);
	const post = /^\/posts\/([^/]+)\/?$/.exec(decoded);
	if (post) {
		const slug = post[1].replace(MARKDOWN, '');
		return { kind: 'post', slug, hash, exists: ctx.slugs.has(slug) };
	}
	if (decoded.startsWith('/')) {
		const file = join(ctx.staticDir, decoded);
		const exists = /\.[a-z0-9]+$/i.test(decoded) ? existsSync(file) : undefined;
		return { kind: 'site', path, exists, ...(exists ? inStatic(file, ctx) : {}) };
	}
	const abs = resolve(dirname(ctx.postAbs), decoded);
	if (MARKDOWN.test(decoded)) {
		const name = abs.split(/[\\/]/).pop()!;
		const rel = relative(ctx.postsDir, abs);
		const slug = ctx.moved?.[rel.split(sep).join('/')] ?? slugFromFileName(name);
		const inPosts = !rel.startsWith('..');
		return { kind: 'post', slug, hash, exists: inPosts && ctx.slugs.has(slug) };
	}
	const inside = !relative(ctx.postsDir, abs).startsWith('..');
	if (inside) {
		const exists = existsSync(abs);
		return {
			kind: 'file',
			abs,
			publicPath: mediaPath(ctx.postsDir, abs),
			exists,
			refused: exists ? refusal(abs, ctx) : undefined
		};
	}
	// A relative path that climbs out of posts/ (e.g. ../static/images/x.png): look for it, serve it from static/.
	const rel = relative(ctx.staticDir, abs);
	if (!rel.startsWith('..')) {
		const exists = existsSync(abs);
		return { kind: 'site', path: '/' + rel.split(sep).join('/'), exists, ...(exists ? inStatic(abs, ctx) : {}) };
	}
	return { kind: 'file', abs, publicPath: mediaPath(ctx.postsDir, abs), exists: false };
}

/** The URL the site uses for a link target (before the base path), or undefined to keep the author's URL. */
export function publicUrl(target: LinkTarget): string | undefined {
	switch (target.kind) {
		case 'post':
			return target.exists ? postPath(target.slug) + (target.hash ? `#${target.hash}` : '') : undefined;
		case 'file':
			return target.exists && !target.refused ? target.publicPath : undefined;
		case 'site':
			return undefined;
		default:
			return undefined;
	}
}
