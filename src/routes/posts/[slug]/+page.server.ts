import { getPost, posts } from '$lib/server/content';

export const entries = () => posts.map((p) => ({ slug: p.slug }));

export const load = ({ params }) => getPost(params.slug);
