/**
 * The Vite side of the content module. `virtual:content` exports the post index and one lazy import per post; each
 * post's module is the Svelte server component compiled by `loadContent`. Posts are only ever imported by server code,
 * so each is compiled once, for the server, and rendered to HTML once at prerender time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { basePath, contentErrorsMode, postsDir } from '../env.js';
import { loadContent, type Content } from './load';
import { formatReport } from './problems';

const VIRTUAL = 'virtual:content';
const RESOLVED = '\0' + VIRTUAL;
/** Where the build lists the files beside posts that the site uses. */
export const MEDIA_MANIFEST = resolve('.svelte-kit/course-notes/media.json');

export function content(): Plugin {
	let root = process.cwd();
	let dir = '';
	let loading: Promise<Content> | undefined;
	let byPath = new Map<string, string>();
	let reported = false;

	const load = () =>
		(loading ??= loadContent({ dir, root, staticDir: resolve(root, 'static'), base: basePath(), compile: true }).then((c) => {
			byPath = new Map([...c.paths].map(([slug, abs]) => [abs, c.components.get(slug)!]));
			// Files beside posts are copied into the site by scripts/postbuild.ts once the site is written.
			mkdirSync(dirname(MEDIA_MANIFEST), { recursive: true });
			writeFileSync(MEDIA_MANIFEST, JSON.stringify(Object.fromEntries(c.media), null, 1));
			return c;
		}));

	return {
		name: 'course-notes:content',
		enforce: 'pre',
		configResolved(config) {
			root = config.root;
			dir = resolve(root, postsDir());
		},
		resolveId(source) {
			if (source === VIRTUAL) return RESOLVED;
			if (byPath.has(source)) return source;
		},
		async load(id) {
			if (id === RESOLVED) {
				const c = await load();
				const errors = c.problems.filter((p) => p.severity === 'error');
				if (!reported && c.problems.length) {
					reported = true;
					const report = formatReport(c.problems, contentErrorsMode());
					if (errors.length && contentErrorsMode() === 'error') {
						this.error(
							`\n${report}\n\nThe build stops on content errors. Fix them, or build with CONTENT_ERRORS=warn to leave those posts out.`
						);
					}
					console.warn(`\n${report}\n`);
				}
				if (c.drafts.length) console.warn(`${c.drafts.length} draft(s) not published: ${c.drafts.join(', ')}`);
				const loaders = c.posts
					.map((p) => `\t${JSON.stringify(p.slug)}: () => import(${JSON.stringify(c.paths.get(p.slug))})`)
					.join(',\n');
				return `export const posts = ${JSON.stringify(c.posts)};\nexport const categories = ${JSON.stringify(c.categories)};\nexport const components = {\n${loaders}\n};\n`;
			}
			const js = byPath.get(id);
			if (js !== undefined) return { code: js, map: null };
		},
		configureServer(server: ViteDevServer) {
			// In `npm run dev`, any change in the posts folder rebuilds the index and reloads the page.
			server.watcher.add(dir);
			const reset = (file: string) => {
				if (!resolve(file).startsWith(dir)) return;
				loading = undefined;
				reported = false;
				for (const id of [RESOLVED, ...byPath.keys()]) {
					const mod = server.moduleGraph.getModuleById(id);
					if (mod) server.moduleGraph.invalidateModule(mod);
				}
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('add', reset).on('change', reset).on('unlink', reset);
		}
	};
}
