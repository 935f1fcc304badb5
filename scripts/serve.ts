/**
 * Serves build/ as a static host would (GitHub Pages included): under BASE_PATH, with 404.html for missing pages, and
 * text compressed with gzip as GitHub Pages compresses it (so Lighthouse and the page-weight tests see what readers
 * download). `vite preview` cannot be used because it does not serve files written after the Vite build (the search
 * index).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import compression from 'compression';
import { basePath } from '../src/lib/env.js';
import { isMain } from './main';
import { builtBase } from './pdf-plan';

export interface StaticServer {
	url: string;
	server: Server;
	close(): Promise<void>;
}

/** Starts a server for `dir` on 127.0.0.1; port 0 picks a free one. */
export async function serveStatic(dir: string, options: { port?: number; base?: string } = {}): Promise<StaticServer> {
	const root = resolve(dir);
	const base = options.base ?? basePath();
	const files = sirv(root, { dev: true, etag: true, extensions: ['html'] });
	const gzip = compression();
	const notFound = () => readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
	const server = createServer((req, res) => {
		const path = req.url ?? '/';
		const inside = !base || path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`);
		const send404 = async () => {
			res.statusCode = 404;
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(await notFound());
		};
		if (!inside) return void send404();
		if (base && (path === base || path.startsWith(`${base}?`))) {
			res.statusCode = 301;
			res.setHeader('location', `${base}/${path.slice(base.length)}`);
			return void res.end();
		}
		req.url = path.slice(base.length) || '/';
		gzip(req as never, res as never, () => files(req, res, () => void send404()));
	});
	await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	return {
		url: `http://127.0.0.1:${port}${base}/`,
		server,
		close: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}

/**
 * The base path to serve a built site under: the one its pages were built for (read from its index.html), whatever
 * BASE_PATH says now, with a note when the two differ. Served under another base, every page loads without its styles
 * and every link leads to a 404, without a word.
 */
export function previewBase(indexHtml: string | undefined, envBase: string): { base: string; note?: string } {
	const built = indexHtml === undefined ? undefined : (builtBase(indexHtml) ?? '');
	if (built === undefined || built === envBase) return { base: envBase };
	const shown = (b: string) => (b ? `BASE_PATH=${b}` : 'no BASE_PATH');
	return {
		base: built,
		note:
			`note: build/ was built with ${shown(built)}, and BASE_PATH is now ${envBase ? `"${envBase}"` : 'unset'}: ` +
			`serving it under ${built || '/'} as it was built (its pages and links only work there). To preview it ` +
			`elsewhere, build again with the BASE_PATH you want.`
	};
}

if (isMain(import.meta.url)) {
	const port = Number(process.env.PORT ?? 4173);
	const index = await readFile(join('build', 'index.html'), 'utf8').catch(() => undefined);
	if (index === undefined) console.warn('note: build/index.html not found: run `npm run build` first.');
	const { base, note } = previewBase(index, basePath());
	if (note) console.warn(note);
	const { url } = await serveStatic('build', { port, base });
	console.log(`Serving build/ at ${url}`);
}
