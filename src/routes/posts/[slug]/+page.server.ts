import type { PageServerLoad } from './$types';
import { getPost, posts } from '$lib/server/content';

export const entries = () => posts.map((p) => ({ slug: p.slug }));

export const load: PageServerLoad = ({ params }) => getPost(params.slug);
