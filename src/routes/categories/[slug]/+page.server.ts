import type { PageServerLoad } from './$types';
import { categories, getCategory } from '$lib/server/content';

export const entries = () => categories.map((c) => ({ slug: c.slug }));

export const load: PageServerLoad = ({ params }) => getCategory(params.slug);
