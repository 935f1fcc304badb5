import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { basePath, buildDir } from './src/lib/env.js';
import { postEntries, readManifest } from './src/lib/build/manifest.js';

// The content stage's hand-off (npm run build); none in npm run dev or a bare vite build.
const manifest = readManifest();

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: buildDir(), assets: buildDir(), fallback: undefined, strict: true }),
		// `npm run build` publishes a staged copy of static/ when it holds links or SVG (src/lib/content/static-files.ts,
		// the build manifest): SvelteKit's copy follows links, so a link to /etc/passwd would be published.
		files: { assets: manifest?.assets || 'static' },
		// Absolute URLs that carry the base path work from any depth, including 404.html served for a missing page.
		paths: { base: basePath(), relative: false },
		// The site's stylesheet goes inline in each page: as a file, it was a request that held back the first paint on a
		// slow phone connection (Lighthouse, mobile; figures in bench/results.md). Pages carry no script that needs it.
		inlineStyleThreshold: 48 * 1024,
		// A name derived from the content (the plan's), not the clock: two builds of the same posts are byte-identical,
		// _app/version.json included.
		version: { name: manifest?.plan?.version || 'dev' },
		prerender: {
			// Every page is listed: the static routes, the `entries` of the category and listing routes, and the post pages
			// the build renders (all but those kept from the last build: the plan in the manifest). Links are checked by the
			// content stage, with file and line, so the crawler, which would parse every written page for links again, is
			// off; a bare `vite build`, with no manifest, crawls to find the posts.
			entries: ['*', '/404.html', ...postEntries(manifest)],
			crawl: !manifest,
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
