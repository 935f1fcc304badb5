/**
 * Stage 3 of a post's path, `check`: pure. A post's references (every URL it writes, already resolved by the render
 * stage) and the heading ids of every post in, problems and the files to publish out.
 */
import { decodeUrl } from '../text/urls.ts';
import type { Problem } from './problems.ts';
import type { Reference } from './render/run.ts';
import { isPicture, type ImageJob } from './images.ts';
import { onDisk, respell, type OnDisk } from './disk.ts';
import { nearest, suggestHeading } from './suggest.ts';
import { join, posix } from 'node:path';

export interface SiteFacts {
	/** Every id on each published post's page, by slug. */
	ids: Map<string, Set<string>>;
	/** The file of each published post, by slug. */
	files: Map<string, string>;
	/** Posts that exist but are not published (drafts, or left out by their errors), by slug: a link to one says so. */
	unpublished?: Map<string, { file: string; why: 'draft' | 'errors' }>;
	/** Absolute path of static/, to find a site file written in another letter case. */
	staticDir?: string;
}

export interface Checked {
	problems: Problem[];
	/** Files beside the post that its page uses: public path → absolute path. */
	media: Map<string, string>;
	/** The cover as the site shows it (a public path or the author's URL), or undefined when it is missing. */
	cover?: string;
	/** Local pictures the post shows, for the images stage. */
	images: ImageJob[];
	/** Pictures the post shows that do not exist, as the page writes their path (decoded, without the base path). */
	missing: string[];
}

/** The path part of a URL as written, decoded: how a page's `<img src>` is looked up. */
const pathOf = (url: string) => decodeUrl(url.trim().replace(/^<|>$/g, '').split(/[?#]/)[0]);

/** A path with its last part replaced by `name`. */
const respellLast = (path: string, name: string) => path.slice(0, path.lastIndexOf('/') + 1) + name;

/** How a post links to another: the path from the linking post's folder (`./other.md`, `../tuan-2/x.md`). */
function linkTo(from: string, to: string): string {
	const rel = posix.relative(posix.dirname(from), to);
	return rel.startsWith('.') ? rel : `./${rel}`;
}

/** `did you mean …?`, or the fallback advice. */
const didYouMean = (suggestion: string | undefined, fallback: string) =>
	suggestion ? `did you mean ${suggestion}?` : fallback;

/** How a file target is spelled on disk: a case-only difference is what a case-insensitive machine hides. */
function spelling(target: Reference['target'], staticDir: string | undefined): OnDisk | undefined {
	if (target.kind === 'file') return onDisk(target.abs, target.exists);
	if (target.kind === 'site' && target.abs) return onDisk(target.abs, target.exists);
	if (target.kind === 'site' && staticDir && target.exists === false)
		return onDisk(join(staticDir, ...decodeUrl(target.path).split('/')), false);
	return undefined;
}

/**
 * Checks one post's references against the site: missing posts, headings, images and files are warnings, each with
 * the nearest real name; a file written in another letter case is an error on every system, since the build runs on
 * Linux.
 */
export function checkPost(post: { file: string; slug: string; references: Reference[] }, site: SiteFacts): Checked {
	const problems: Problem[] = [];
	const media = new Map<string, string>();
	const images: ImageJob[] = [];
	const missing: string[] = [];
	let cover: string | undefined;
	const warn = (line: number | undefined, field: string, message: string, fix: string) =>
		problems.push({ severity: 'warning', file: post.file, line, field, message, fix });
	const own = site.ids.get(post.slug) ?? new Set<string>();
	const seen = new Set<string>();
	for (const ref of post.references) {
		const url = decodeUrl(ref.url.trim());
		const key = `${ref.kind}|${ref.line}|${url}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const { target } = ref;
		const disk =
			(target.kind === 'file' || target.kind === 'site') && !(target.kind === 'file' && target.refused)
				? spelling(target, site.staticDir)
				: undefined;
		if (disk?.kind === 'case') {
			// Found here only because this file system ignores case: missing on the build's Linux machine.
			if ((ref.kind === 'image' || ref.kind === 'cover') && isPicture(pathOf(ref.url))) missing.push(pathOf(ref.url));
			const path = pathOf(ref.url);
			const right = respell(path, disk.actual);
			problems.push({
				severity: 'error',
				scope: 'field',
				file: post.file,
				line: ref.line,
				field: ref.kind === 'cover' ? 'coverImage' : ref.kind,
				message: `expected ${path} spelled as the file is named, saw ${right} on disk, which differs in letter case (Windows and macOS find it, the Linux machine that builds the site does not)`,
				fix: `write ${right} in the post, or rename the file to ${path.split('/').pop()}`
			});
			continue;
		}
		const near = disk?.kind === 'missing' && disk.nearest ? disk.nearest : undefined;
		if ((ref.kind === 'image' || ref.kind === 'cover') && isPicture(pathOf(ref.url))) {
			const isCover = ref.kind === 'cover';
			if (target.kind === 'file' && target.exists && !target.refused)
				images.push({ path: decodeUrl(target.publicPath), abs: target.abs, cover: isCover, line: ref.line });
			else if (target.kind === 'site' && target.abs)
				images.push({ path: decodeUrl(target.path), abs: target.abs, cover: isCover, line: ref.line });
			else if ((target.kind === 'file' || target.kind === 'site') && !target.exists) missing.push(pathOf(ref.url));
		}
		if (ref.kind === 'cover') {
			if ((target.kind === 'file' || target.kind === 'site') && target.exists === false) {
				warn(
					ref.line,
					'coverImage',
					`expected an image at ${url}, saw no such file; the post is shown without a cover`,
					didYouMean(
						near,
						target.kind === 'site'
							? `add the file to static${target.path}`
							: 'add the file next to the post or fix the path'
					)
				);
			} else if (target.kind === 'file' && target.refused) {
				warn(
					ref.line,
					'coverImage',
					`expected an image beside the post, saw ${url}, which is not published: ${target.refused}`,
					'put the image itself next to the post'
				);
			} else if (target.kind === 'file') {
				media.set(target.publicPath, target.abs);
				cover = target.publicPath;
			} else cover = ref.url;
			continue;
		}
		if (url.startsWith('#') && url.length > 1) {
			const id = url.slice(1);
			if (!own.has(id))
				warn(
					ref.line,
					'link',
					`expected a heading with id "${id}" in this post, saw none`,
					didYouMean(
						suggestHeading(id, own) && `#${suggestHeading(id, own)}`,
						`link to one of: ${
							[...own]
								.slice(0, 5)
								.map((i) => '#' + i)
								.join(', ') || '(no headings)'
						}`
					)
				);
			continue;
		}
		if (target.kind === 'post') {
			const unpublished = target.exists ? undefined : site.unpublished?.get(target.slug);
			if (unpublished)
				warn(
					ref.line,
					'link',
					unpublished.why === 'draft'
						? `expected a published post at ${url}, saw ${unpublished.file}, which is a draft; the link is not published`
						: `expected a post at ${url} that the site can publish, saw ${unpublished.file}, which has errors and is left out`,
					unpublished.why === 'draft'
						? `publish ${unpublished.file} (remove its draft: true or published: false) or remove the link`
						: `fix the errors reported for ${unpublished.file}; the link works once that post is published`
				);
			else if (!target.exists) {
				const slug = nearest(target.slug, site.files.keys());
				const file = slug === undefined ? undefined : site.files.get(slug);
				const shown = file && (url.startsWith('/') ? `/posts/${slug}/` : linkTo(post.file, file));
				warn(
					ref.line,
					'link',
					`expected a post at ${url}, saw no such post`,
					didYouMean(shown, 'check the file name of the post you link to')
				);
			} else if (target.hash && !site.ids.get(target.slug)?.has(decodeUrl(target.hash))) {
				const id = suggestHeading(decodeUrl(target.hash), site.ids.get(target.slug) ?? []);
				warn(
					ref.line,
					'link',
					`expected a heading "#${decodeUrl(target.hash)}" in ${site.files.get(target.slug)}, saw none`,
					didYouMean(id && `${url.split('#')[0]}#${id}`, 'check the heading you link to')
				);
			}
		} else if (target.kind === 'file' && target.refused) {
			warn(
				ref.line,
				ref.kind,
				`expected a file to publish at ${url}, saw one that is not published: ${target.refused}`,
				'put the file itself next to the post'
			);
		} else if (target.kind === 'file') {
			if (target.exists) media.set(target.publicPath, target.abs);
			else
				warn(
					ref.line,
					ref.kind,
					`expected a file at ${url} (next to the post), saw none`,
					didYouMean(near && respellLast(pathOf(ref.url), near), 'add the file or fix the path')
				);
		} else if (target.kind === 'site' && target.exists === false) {
			warn(
				ref.line,
				ref.kind,
				`expected ${url} in static${target.path.split('/').slice(0, -1).join('/')}/, saw no such file`,
				didYouMean(near && respellLast(pathOf(ref.url), near), `add the file to static${target.path}`)
			);
		}
	}
	return { problems, media, cover, images, missing };
}
