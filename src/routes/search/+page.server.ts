import { categories } from '$lib/server/content';

export const load = () => ({ categories: categories.map((c) => c.name) });
