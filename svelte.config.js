import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { basePath, buildDir } from './src/lib/env.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: buildDir(), assets: buildDir(), fallback: undefined, strict: true }),
		// `npm run build` publishes a staged copy of static/ when it holds links or SVG (src/lib/content/static-files.ts,
		// STATIC_DIR_ENV): SvelteKit's copy follows links, so a link to /etc/passwd would be published.
		files: { assets: process.env.COURSE_NOTES_STATIC || 'static' },
		// Absolute URLs that carry the base path work from any depth, including 404.html served for a missing page.
		paths: { base: basePath(), relative: false },
		// The site's stylesheet (about 31 KB, 7 KB compressed) goes inline in each page: as a file, it was a request that
		// held back the first paint on a slow phone connection by about 0.3 s (Lighthouse, mobile: first contentful
		// paint of the post with math 2.1 s → 0.9–1.5 s). Pages carry no script that would need it as a file.
		inlineStyleThreshold: 48 * 1024,
		// A name derived from the content (set by scripts/build.ts), not the clock: two builds of the same posts are
		// byte-identical, _app/version.json included.
		version: { name: process.env.COURSE_NOTES_VERSION || 'dev' },
		prerender: {
			// Every page is listed: the static routes, and the `entries` of each dynamic route (every post, category and
			// listing page). Links are checked by the content stage, with file and line, so the crawler, which would
			// parse every written page for links again, is off.
			entries: ['*', '/404.html'],
			crawl: false,
			// Students' posts link to images and pages that are not there: warnings from the content check, not reasons to
			// stop publishing the rest of the site
			// (the content check has already named each one with its file and line).
			handleHttpError: ({ path, status, message }) => {
				if (path.includes('/pagefind/') || status === 404) return;
				console.warn(`warning: ${message}`);
			},
			handleUnseenRoutes: 'ignore'
		}
	}
};

export default config;
