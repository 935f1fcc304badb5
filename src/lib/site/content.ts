/**
 * What routes know about content: lookups over the index that the content module built once. Routes load through it
 * in universal `+page.ts` files: with a server `load`, SvelteKit would write a `__data.json` beside every prerendered
 * page (1118 files for 1000 posts, all deleted by post-build) although no page runs client code. Only the server
 * reads it; the browser build gets an empty `virtual:content` (src/lib/content/vite-plugin.ts).
 */
import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import { categories, images, posts, problems, readRendered } from 'virtual:content';
import { site } from '$lib/config';
import { paginate, type PostEntry } from '$lib/content/model';
import { courseIndex } from '$lib/content/course';
import { postContext } from '$lib/content/pages';
import { pageProblems } from '$lib/content/page-problems';
import { slugFromFileName } from '$lib/text/slug';
import { url } from '$lib/paths';
import { rewriteImages } from '$lib/text/picture';
import type { RenderedFile } from '$lib/content/render/pool';

export { categories, posts };

// Lookups built once, so each of the thousand pages of a big site finds its post or category without a scan.
const postIndex = new Map(posts.map((p, i) => [p.slug, i]));
const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
const postsByCategory = new Map<string, PostEntry[]>();
for (const post of posts) {
	for (const c of post.categories) postsByCategory.set(c.slug, [...(postsByCategory.get(c.slug) ?? []), post]);
}

export const pageCount = () => paginate(posts, 1, site.postsPerPage).pages;

/** The course index (/muc-luc/): every post once, by series then category, in assignment order. */
export const course = () => courseIndex(posts);

export function listingPage(page: number) {
	const result = paginate(posts, page, site.postsPerPage);
	if (page < 1 || page > result.pages || !Number.isInteger(page)) error(404, 'Không có trang này');
	return result;
}

export function getCategory(slug: string) {
	const category = categoryBySlug.get(slug);
	if (!category) error(404, 'Không có chủ đề này');
	return { category, posts: postsByCategory.get(slug) ?? [] };
}

/** A post with its body, rendered to HTML once by the content module. */
export async function getPost(slug: string) {
	const i = postIndex.get(slug);
	if (i === undefined) {
		// In `npm run dev`, a post that cannot be published shows why on its own page, and recovers once fixed.
		const own = problems.filter((p) => p.severity === 'error' && slugFromFileName(p.file.split('/').pop()!) === slug);
		if (own.length)
			error(
				500,
				`Bài viết này chưa hiển thị được: ${pageProblems(problems, own[0].file)
					.map((p) => p.text)
					.join(' · ')}`
			);
		error(404, 'Không có bài viết này');
	}
	const { post, ...place } = postContext(posts, slug);
	const rendered = (await readRendered(slug)) as RenderedFile;
	const { head } = rendered;
	// Pictures as the images stage made them: sized, in modern formats, lazy below the fold; missing ones as placeholders.
	const body = rewriteImages(rendered.html, {
		lookup: (path) => images[path],
		base,
		withBase: url,
		firstIsPriority: !post!.cover && !post!.coverImage
	});
	// KaTeX's stylesheet is linked only where there is math.
	const math = body.includes('class="katex');
	// In `npm run dev`, every problem of the post as the build reports it (none in a build: pages ship no problems).
	return { post: post!, html: body, head, math, problems: pageProblems(problems, post!.file), ...place };
}
