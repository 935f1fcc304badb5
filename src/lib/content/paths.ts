/** Where the build keeps its working files, inside the project (one place, for every stage that reads or writes them). */
import { existsSync, readFileSync } from 'node:fs';
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
	/** The post pages of the last finished build, with what they were made from (scripts/page-reuse.ts). */
	pages: join(root, WORK, 'pages.json'),
	/** The content stage's plan for the pages (scripts/page-reuse.ts): the site's version, and the post pages kept. */
	kept: join(root, WORK, 'kept.json'),
	/** Kept pages, set aside while Vite empties the site's folder. */
	held: join(root, WORK, 'held'),
	/** The content cache, unless `CONTENT_CACHE` says otherwise. */
	cache: join(root, '.cache/course-notes')
});

/** The environment variable that names the content stage's result file for the Vite process. */
export const CONTENT_FILE_ENV = 'COURSE_NOTES_CONTENT';

/** The environment variable that names the plan of kept post pages (workPaths().kept) for Vite and postbuild. */
export const KEPT_PAGES_ENV = 'COURSE_NOTES_KEPT';

/** The part of the content stage's plan (scripts/page-reuse.ts) that Vite and postbuild read. */
export interface PagesToRender {
	/** Posts whose page is kept from the last build. */
	kept: string[];
	/** Posts whose page this build renders. */
	render: string[];
	/** Vite does not run: the rest of the site is kept as the last build wrote it. */
	reuseSite: boolean;
}

/** What this build renders; in `npm run dev` or a bare `vite build`, everything. */
export function pagesToRender(): PagesToRender {
	const file = process.env[KEPT_PAGES_ENV];
	if (!file || !existsSync(file)) return { kept: [], render: [], reuseSite: false };
	const plan = JSON.parse(readFileSync(file, 'utf8')) as Partial<PagesToRender>;
	return { kept: plan.kept ?? [], render: plan.render ?? [], reuseSite: plan.reuseSite === true };
}
