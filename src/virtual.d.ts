declare module 'virtual:content' {
	import type { CategorySummary, PostEntry } from '$lib/content/model';
	export const posts: PostEntry[];
	export const categories: CategorySummary[];
	/** Folder of `<slug>.json` files with each post's rendered HTML. */
	export const htmlDir: string;
	/** In `npm run dev` only: every content problem, so a broken post's page can show its own. */
	export const problems: import('$lib/content/problems').Problem[];
}
