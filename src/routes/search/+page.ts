import { categories } from '$lib/site/content';

export const load = () => ({ categories: categories.map((c) => c.name) });
