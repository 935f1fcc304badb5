/** Where the build keeps its working files, inside the project (one place, for every stage that reads or writes them). */
import { join } from 'node:path';

const WORK = '.svelte-kit/course-notes';

export const workPaths = (root: string) => ({
	/** Each published post's rendered HTML, `<slug>.json`: the store the workers write and the pages read. */
	html: join(root, WORK, 'posts'),
	/** Components that must load from a file so their imports resolve (author trust). */
	scratch: join(root, WORK, 'scratch'),
	/** The record of the last finished build: its pages and files, with what they were made from (build/plan.ts). */
	pages: join(root, WORK, 'pages.json'),
	/** Kept pages, set aside while Vite empties the site's folder. */
	held: join(root, WORK, 'held'),
	/** The key that signs the content cache's entries: in the workspace, never in the cache (render/cache.ts). */
	cacheKey: join(root, WORK, 'cache-key'),
	/** The content cache, unless `CONTENT_CACHE` says otherwise. */
	cache: join(root, '.cache/course-notes')
});
