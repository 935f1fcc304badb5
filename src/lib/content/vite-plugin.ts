/**
 * The Vite side of the content module. `virtual:content` exports the post index and the folder where `loadContent`
 * wrote each post rendered to HTML (in worker threads). Routes only look things up there; no post is bundled.
 * `npm run build` runs the content stage in its own process first and hands its result over in the build manifest
 * (src/lib/build/manifest.js); `npm run dev` (or a bare `vite build`) loads the posts itself.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { basePath, contentErrorsMode, contentWarningsMode, postsDir } from '../env.js';
import { contentSummary, devSession, loadContent, type Content, type DevSession } from './load.ts';
import { readManifest } from '../build/manifest.js';
import sirv from 'sirv';
import { katexDist } from '../markdown/katex-assets.ts';
import { sanitizeSvg } from './svg.ts';
import { formatProblem, formatReport, printable, stopMessage, stops } from './problems.ts';
import { decodeUrl, encodePath } from '../text/urls.ts';

const VIRTUAL = 'virtual:content';
const RESOLVED = '\0' + VIRTUAL;
const BROWSER_STUB = [
	'export const posts = [], categories = [], images = {}, problems = [];',
	'export const readRendered = async () => { throw new Error("posts are read on the server only"); };'
].join('\n');

/** Loads the posts and says how long it took, so authors see where build time goes. */
async function timed(options: Parameters<typeof loadContent>[0]) {
	const started = performance.now();
	const c = await loadContent(options);
	console.log(contentSummary(c, (performance.now() - started) / 1000));
	return c;
}

export function content(): Plugin {
	let root = process.cwd();
	let dir = '';
	let loading: Promise<Content> | undefined;
	let reported = false;
	/** Problems the dev server has already printed. */
	let known = new Set<string>();
	let serving = false;
	/** In `npm run dev`: what one run keeps for the next, so an edit renders only the post that changed. */
	let session: DevSession | undefined;

	const shipped = readManifest()?.content;
	const load = () =>
		(loading ??= shipped
			? Promise.resolve({ ...shipped, media: new Map(Object.entries(shipped.media)) })
			: timed({ dir, root, staticDir: resolve(root, 'static'), base: basePath(), mode: 'build', session }));

	return {
		name: 'course-notes:content',
		enforce: 'pre',
		configResolved(config) {
			serving = config.command === 'serve';
			if (serving) session = devSession();
			root = config.root;
			dir = resolve(root, postsDir());
		},
		resolveId(source) {
			if (source === VIRTUAL) return RESOLVED;
		},
		async load(id, options) {
			// The browser build never runs a load (no page has client code): it gets the module's shape, not the posts.
			if (id === RESOLVED && !options?.ssr) return BROWSER_STUB;
			if (id === RESOLVED) {
				const c = await load();
				if (!reported && !shipped) {
					reported = true;
					const mode = contentErrorsMode();
					const warnings = contentWarningsMode();
					// In `npm run dev` a broken post shows its problems on its own page; every other page keeps working.
					if (stops(c.problems, mode, warnings) && !serving) {
						this.error(`\n${formatReport(c.problems, mode, warnings)}\n\n${stopMessage(mode, warnings, c.problems)}`);
					}
					// After an edit, the dev server says what changed rather than every problem again.
					const now = new Set(c.problems.map(formatProblem));
					const fresh = c.problems.filter((p) => !known.has(formatProblem(p)));
					const gone = [...known].filter((p) => !now.has(p)).length;
					if (fresh.length) console.warn(`\n${formatReport(fresh, mode)}\n`);
					if (gone) console.warn(`${gone} problem(s) fixed.`);
					if (serving) known = now;
				}
				if (c.drafts.length)
					console.warn(`${c.drafts.length} draft(s) not published: ${printable(c.drafts.join(', '))}`);
				const problems = serving ? c.problems : [];
				return [
					`export const posts = ${JSON.stringify(c.posts)};`,
					`export const categories = ${JSON.stringify(c.categories)};`,
					`import { readFile } from 'node:fs/promises';`,
					`const htmlDir = ${JSON.stringify(c.htmlDir)};`,
					'export const readRendered = async (slug) => JSON.parse(await readFile(`${htmlDir}/${slug}.json`, "utf8"));',
					`export const images = ${JSON.stringify(c.images)};`,
					`export const problems = ${JSON.stringify(problems)};`
				].join('\n');
			}
		},
		configureServer(server: ViteDevServer) {
			// KaTeX's stylesheet and fonts, which the build copies into the site (scripts/postbuild.ts).
			const katex = sirv(katexDist(), { dev: true });
			server.middlewares.use(`${basePath()}/katex`, (req, res, next) => katex(req, res, next));
			// Files beside posts, at the /media/ addresses the build copies them to; only those the build would publish.
			const media = sirv(dir, { dev: true, dotfiles: false });
			server.middlewares.use(`${basePath()}/media`, (req, res, next) => {
				void load().then((c) => {
					// The same encoding as the build's public paths (see mediaPath in links.ts).
					const parts = (req.url ?? '').split('?')[0].split('/').filter(Boolean);
					const file = c.media.get(`/media/${encodePath(parts.map(decodeUrl).join('/'))}`);
					if (!file) return next();
					if (!/\.svg$/i.test(file)) return media(req, res, next);
					// As the build publishes it: cleaned (svg.ts), never as written.
					const svg = sanitizeSvg(readFileSync(file));
					if (!svg.ok) return next();
					res.setHeader('Content-Type', 'image/svg+xml');
					res.end(svg.svg);
				}, next);
			});
			// Encoded pictures, from the content cache.
			server.middlewares.use(`${basePath()}/_img`, (req, res, next) => {
				void load().then((c) => {
					const file = c.media.get(`/_img${decodeUrl((req.url ?? '').split('?')[0])}`);
					if (!file) return next();
					res.setHeader('Content-Type', file.endsWith('.avif') ? 'image/avif' : 'image/webp');
					res.end(readFileSync(file));
				}, next);
			});
			server.httpServer?.once('close', () => void session?.warm.close());
			// In `npm run dev`, any change in the posts folder rebuilds the index and reloads the page.
			server.watcher.add(dir);
			const reset = (file: string) => {
				if (!resolve(file).startsWith(dir)) return;
				loading = undefined;
				reported = false;
				const mod = server.moduleGraph.getModuleById(RESOLVED);
				if (mod) server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('add', reset).on('change', reset).on('unlink', reset);
		}
	};
}
