/** Where the build keeps its working files, inside the project (one place, for every stage that reads or writes them). */
import { join } from 'node:path';

const WORK = '.svelte-kit/course-notes';

export const workPaths = (root: string) => ({
	/** The content stage's result, handed to the Vite process. */
	content: join(root, WORK, 'content.json'),
	/** Each published post's rendered HTML, `<slug>.json`. */
	html: join(root, WORK, 'posts'),
	/** Components that must load from a file so their imports resolve. */
	scratch: join(root, WORK, 'scratch'),
	/** Files beside posts that the site publishes (public path → file), copied after Vite. */
	media: join(root, WORK, 'media.json'),
	/** What the build did (posts published and left out, problems, times), for the CI job summary (scripts/summary.ts). */
	report: join(root, WORK, 'report.json'),
	/** The content cache, unless `CONTENT_CACHE` says otherwise. */
	cache: join(root, '.cache/course-notes')
});

/** The environment variable that names the content stage's result file for the Vite process. */
export const CONTENT_FILE_ENV = 'COURSE_NOTES_CONTENT';
