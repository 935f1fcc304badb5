import { course, posts } from '$lib/server/content';

export const load = () => ({ groups: course(), total: posts.length });
