import type { CategoryRef } from '$lib/content/model';

/**
 * Slugs of the categories every one of `posts` has (none for a single post): a list of cards leaves them out, since a
 * pill repeated on every card tells the reader nothing (the demo's "Hệ thống phân tán" on all four).
 */
export function sharedCategories(posts: { categories: CategoryRef[] }[]): string[] {
	if (posts.length < 2) return [];
	const [first, ...rest] = posts;
	return first.categories
		.map((c) => c.slug)
		.filter((slug) => rest.every((p) => p.categories.some((c) => c.slug === slug)));
}
