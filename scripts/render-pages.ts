/**
 * Renders the post pages of a build that keeps the rest of the last one (src/lib/build/plan.ts): with the server Vite
 * built last time, as SvelteKit's prerendering does, into the site's folder. Used only when the site's code, settings
 * and listing facts are unchanged and the server is exactly as that build left it, so that its pages are the bytes
 * Vite would write (a test compares them).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createReadableStream } from '@sveltejs/kit/node';
import { installPolyfills } from '@sveltejs/kit/node/polyfills';
import { readManifest } from '../src/lib/build/manifest.js';
import { basePath, buildDir } from '../src/lib/env.js';
import { postPath } from '../src/lib/text/urls';
import { isMain } from './main';

/** SvelteKit's prerender origin (the default of `kit.prerender.origin`). */
const ORIGIN = 'http://sveltekit-prerender';

interface ServerOutput {
	Server: new (manifest: unknown) => {
		init(options: { env: Record<string, string>; read: (file: string) => ReadableStream }): Promise<void>;
		respond(request: Request, options: Record<string, unknown>): Promise<Response>;
	};
}

/** Renders the pages of `slugs` into `site`; returns the problems (empty when every page was written). */
export async function renderPages(root: string, site: string, slugs: string[]): Promise<string[]> {
	const server = join(root, '.svelte-kit', 'output', 'server');
	const load = (file: string) => import(pathToFileURL(join(server, file)).href);
	const { manifest } = (await load('manifest-full.js')) as { manifest: unknown };
	// As SvelteKit's prerendering sets them: `building` and `prerendering` true, the environment as it is.
	const internal = (await load('internal.js')) as { set_building(): void; set_prerendering(): void };
	internal.set_building();
	internal.set_prerendering();
	const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
	((await load('env.js')) as { set_env(env: Record<string, string>): void }).set_env(env);
	const { Server } = (await load('index.js')) as ServerOutput;
	installPolyfills();
	const app = new Server(manifest);
	await app.init({ env, read: (file) => createReadableStream(join(server, file)) });
	const problems: string[] = [];
	for (const slug of slugs) {
		const path = `${basePath()}${postPath(slug)}`;
		const response = await app.respond(new Request(ORIGIN + encodeURI(path)), {
			getClientAddress() {
				throw new Error('Cannot read clientAddress during prerendering');
			},
			prerendering: { dependencies: new Map(), remote_responses: new Map() },
			read: (file: string) => readFileSync(join(server, file))
		});
		if (response.status !== 200) {
			problems.push(`${path} answered ${response.status}`);
			continue;
		}
		const file = join(site, 'posts', slug, 'index.html');
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, Buffer.from(await response.arrayBuffer()));
	}
	return problems;
}

if (isMain(import.meta.url)) {
	const started = performance.now();
	const render = readManifest()?.plan?.render ?? [];
	const problems = await renderPages(process.cwd(), resolve(buildDir()), render);
	for (const problem of problems) console.error(`✖ ${problem}`);
	console.log(
		`pages: ${render.length} post page(s) rendered in ${((performance.now() - started) / 1000).toFixed(1)} s, the rest of the site kept from the last build`
	);
	process.exitCode = problems.length ? 1 : 0;
}
