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

/** A file's URL that Vite never inlines as a data: URL (`?no-inline&url`: a font the page preloads by its address). */
declare module '*?no-inline&url' {
	const url: string;
	export default url;
}
