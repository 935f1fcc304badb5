import { categories, posts } from '$lib/server/content';

export const load = () => ({ categories, total: posts.length });
