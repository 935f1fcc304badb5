declare module 'virtual:content' {
	import type { CategorySummary, PostEntry } from '$lib/content/model';
	export const posts: PostEntry[];
	export const categories: CategorySummary[];
	/** A post's rendered HTML and head, as the content module wrote it (`<slug>.json` in its folder). */
	export function readRendered(slug: string): Promise<unknown>;
	/** Every local picture a post shows, by site path (decoded, without the base path), or `missing`. */
	export const images: Record<string, import('$lib/text/picture').ImageFact>;
	/** In `npm run dev` only: every content problem, so a broken post's page can show its own. */
	export const problems: import('$lib/content/problems').Problem[];
}
