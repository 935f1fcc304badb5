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

if (isMain(import.meta.url)) {
	const port = Number(process.env.PORT ?? 4173);
	const { url } = await serveStatic('build', { port });
	console.log(`Serving build/ at ${url}`);
}
