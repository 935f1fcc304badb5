/** What routes know about content: lookups over the index that the content module built once. */
import { error } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { categories, components, posts } from 'virtual:content';
import { site } from '$lib/config';
import { neighbours, paginate } from '$lib/content/model';
import { dWords } from '$lib/search/fold';

export { categories, posts };

export const pageCount = () => paginate(posts, 1, site.postsPerPage).pages;

export function listingPage(page: number) {
	const result = paginate(posts, page, site.postsPerPage);
	if (page < 1 || page > result.pages || !Number.isInteger(page)) error(404, 'Không có trang này');
	return result;
}

export function getCategory(slug: string) {
	const category = categories.find((c) => c.slug === slug);
	if (!category) error(404, 'Không có chủ đề này');
	return { category, posts: posts.filter((p) => p.categories.some((c) => c.slug === slug)) };
}

/** A post with its body rendered to HTML (once, at prerender time). */
export async function getPost(slug: string) {
	const post = posts.find((p) => p.slug === slug);
	const load = components[slug];
	if (!post || !load) error(404, 'Không có bài viết này');
	const { default: Body } = await load();
	const { body, head } = render(Body);
	// Words with đ let the search page show excerpts of the folded copy as written (see $lib/search/fold).
	const dwords = dWords(`${post.title} ${body.replace(/<[^>]+>/g, ' ')}`).join(' ');
	return { post, html: body, head, dwords, ...neighbours(posts, slug) };
}
