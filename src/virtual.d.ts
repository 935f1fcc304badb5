declare module 'virtual:content' {
	import type { CategorySummary, PostEntry } from '$lib/content/model';
	export const posts: PostEntry[];
	export const categories: CategorySummary[];
	/** Folder of `<slug>.json` files with each post's rendered HTML. */
	export const htmlDir: string;
}
