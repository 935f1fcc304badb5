import { course, posts } from '$lib/site/content';

export const load = () => ({ groups: course(), total: posts.length });
