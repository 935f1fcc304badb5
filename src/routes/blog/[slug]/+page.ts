import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { posts } from '$lib/site/content';
import { starterRedirects } from '$lib/config';
import { starterRedirectEntries } from '$lib/text/starter-redirects';

// The SvelteKit blog starter's old post addresses, one small page per post, only when `starterRedirects` is on
// (src/lib/config.ts). No page links here: these pages are not in the sitemap, the feed or the search index.
export const entries = () => starterRedirectEntries(posts, starterRedirects());

const bySlug = new Map(posts.map((p) => [p.slug, p]));

export const load: PageLoad = ({ params }) => {
	const post = starterRedirects() ? bySlug.get(params.slug) : undefined;
	if (!post) error(404, 'Không có bài viết này');
	return { slug: post.slug, title: post.title };
};
