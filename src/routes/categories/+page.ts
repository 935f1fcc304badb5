import { categories, posts } from '$lib/site/content';

export const load = () => ({ categories, total: posts.length });
