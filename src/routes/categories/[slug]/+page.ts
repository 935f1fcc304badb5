import type { PageLoad } from './$types';
import { categories, getCategory } from '$lib/site/content';

export const entries = () => categories.map((c) => ({ slug: c.slug }));

export const load: PageLoad = ({ params }) => getCategory(params.slug);
