declare module 'virtual:content' {
	import type { CategorySummary, PostEntry } from '$lib/content/model';
	import type { Component } from 'svelte';
	export const posts: PostEntry[];
	export const categories: CategorySummary[];
	export const components: Record<string, () => Promise<{ default: Component }>>;
}
