/**
 * Stage 3 of a post's path, `check`: pure. A post's references (every URL it writes, already resolved by the render
 * stage) and the heading ids of every post in, problems and the files to publish out.
 */
import { decodeUrl } from '../text/urls.ts';
import type { Problem } from './problems.ts';
import type { Reference } from './render/run.ts';
import { isPicture, type ImageJob } from './images.ts';

export interface SiteFacts {
	/** Every id on each published post's page, by slug. */
	ids: Map<string, Set<string>>;
	/** The file of each published post, by slug. */
	files: Map<string, string>;
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

/** Checks one post's references against the site: missing posts, headings, images and files are warnings. */
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
					target.kind === 'site'
						? `add the file to static${target.path}`
						: 'add the file next to the post or fix the path'
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
					`link to one of: ${
						[...own]
							.slice(0, 5)
							.map((i) => '#' + i)
							.join(', ') || '(no headings)'
					}`
				);
			continue;
		}
		if (target.kind === 'post') {
			if (!target.exists)
				warn(
					ref.line,
					'link',
					`expected a post at ${url}, saw no such post`,
					'check the file name of the post you link to'
				);
			else if (target.hash && !site.ids.get(target.slug)?.has(decodeUrl(target.hash)))
				warn(
					ref.line,
					'link',
					`expected a heading "#${decodeUrl(target.hash)}" in ${site.files.get(target.slug)}, saw none`,
					'check the heading you link to'
				);
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
					'add the file or fix the path'
				);
		} else if (target.kind === 'site' && target.exists === false) {
			warn(
				ref.line,
				ref.kind,
				`expected ${url} in static${target.path.split('/').slice(0, -1).join('/')}/, saw no such file`,
				`add the file to static${target.path}`
			);
		}
	}
	return { problems, media, cover, images, missing };
}
