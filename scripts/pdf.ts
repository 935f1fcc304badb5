/**
 * `npm run pdf [-- posts/bai-3.md …]`: prints posts of the built site, all of them or those named, to
 * `build/pdf/<slug>.pdf` with Debian's Chromium (headless, through playwright-core). It serves build/ itself, opens each
 * post with print media (src/lib/styles/print.css), waits for fonts and images, and writes A4 pages numbered
 * "Trang N/M". The build runs it too when `pdf` is on in src/lib/config.ts (or POST_PDF=1), and posts then link to
 * their PDF. What to print and the messages are decided in scripts/pdf-plan.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { basePath, buildDir } from '../src/lib/env.js';
import { manifestFile, readManifest } from '../src/lib/build/manifest.js';
import { CHROME_FLAGS, CHROME_PATH } from './chromium';
import { isMain } from './main';
import {
	HEADER_TEMPLATE,
	PDF_MARGIN,
	builtBase,
	footerTemplate,
	formatSize,
	noBuildMessage,
	noChromiumMessage,
	selectPosts,
	type PdfIndex
} from './pdf-plan';
import { serveStatic } from './serve';

export interface PdfOptions {
	/** The project folder (its content index names the posts); the current folder by default. */
	root?: string;
	/** The built site; `BUILD_DIR` (or build/) inside `root` by default. */
	site?: string;
	/** Post files or slugs; none prints every post of the site. */
	args?: string[];
	/** Chromium's executable; CHROME_PATH by default. */
	chrome?: string;
	log?: (line: string) => void;
	error?: (line: string) => void;
}

/** Slugs of every post the site has a page for. */
function builtPosts(site: string): string[] {
	const dir = join(site, 'posts');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((slug) => existsSync(join(dir, slug, 'index.html')))
		.sort();
}

/** Writes the PDFs and prints one line per file and a total; returns the exit code (1 when anything failed). */
export async function writePdfs(options: PdfOptions = {}): Promise<number> {
	const { log = console.log, error = console.error } = options;
	const root = resolve(options.root ?? '.');
	const site = resolve(options.site ?? resolve(root, buildDir()));
	const chrome = options.chrome ?? CHROME_PATH;
	// Paths as the reader typed them: relative inside the current folder, absolute outside it.
	const shown = (path: string) => {
		const rel = relative(process.cwd(), path);
		return rel.startsWith('..') ? path : rel || '.';
	};
	const started = performance.now();

	if (!existsSync(join(site, 'index.html'))) {
		error(noBuildMessage(shown(site)));
		return 1;
	}
	if (!existsSync(chrome)) {
		error(noChromiumMessage(chrome));
		return 1;
	}

	let slugs = builtPosts(site);
	const problems: string[] = [];
	if (options.args?.length) {
		const indexFile = manifestFile(root);
		const index = readManifest(indexFile)?.content;
		if (!index) {
			error(`${shown(indexFile)} not found: run \`npm run build\` first, then \`npm run pdf\``);
			return 1;
		}
		const selection = selectPosts(options.args, index as PdfIndex, root);
		const built = new Set(slugs);
		slugs = selection.slugs.filter((slug) => {
			if (built.has(slug)) return true;
			problems.push(`${slug}: no page ${shown(join(site, 'posts', slug, 'index.html'))}; run \`npm run build\` again`);
			return false;
		});
		problems.unshift(...selection.problems);
	}
	if (!slugs.length) {
		for (const problem of problems) error(`✖ ${problem}`);
		log(`pdf: no post to print in ${shown(site)}/`);
		return problems.length ? 1 : 0;
	}

	const out = join(site, 'pdf');
	mkdirSync(out, { recursive: true });
	const base = builtBase(readFileSync(join(site, 'index.html'), 'utf8')) ?? basePath();
	const server = await serveStatic(site, { port: 0, base });
	const browser = await chromium.launch({ executablePath: chrome, args: CHROME_FLAGS });
	let total = 0;
	let written = 0;
	try {
		// Light, as paper is; print.css makes a dark theme print light anyway.
		const context = await browser.newContext({ colorScheme: 'light' });
		const page = await context.newPage();
		await page.emulateMedia({ media: 'print' });
		// The site's fonts are `font-display: optional`: a page shows them only when they are at hand, so the first
		// page is loaded twice, the second time with the fonts in the browser's cache.
		let fontsCached = false;
		for (const slug of slugs) {
			const file = join(out, `${slug}.pdf`);
			try {
				const address = new URL(`posts/${encodeURIComponent(slug)}/`, server.url).href;
				if (!fontsCached) {
					await page.goto(address, { waitUntil: 'load', timeout: 60_000 });
					await page.evaluate(() => document.fonts.ready);
					fontsCached = true;
				}
				const response = await page.goto(address, { waitUntil: 'load', timeout: 60_000 });
				if (!response?.ok()) throw new Error(`the page answered ${response?.status() ?? 'nothing'}`);
				// Fonts, and lazy images, which a print does not wait for by itself.
				await page.evaluate(async () => {
					const images = [...document.images];
					for (const img of images) img.loading = 'eager';
					await Promise.all(
						images.map((img) =>
							img.complete
								? null
								: new Promise((done) => {
										img.addEventListener('load', done, { once: true });
										img.addEventListener('error', done, { once: true });
									})
						)
					);
					await document.fonts.ready;
				});
				await page.pdf({
					path: file,
					format: 'A4',
					printBackground: true,
					displayHeaderFooter: true,
					headerTemplate: HEADER_TEMPLATE,
					footerTemplate: footerTemplate(),
					margin: PDF_MARGIN
				});
				const size = statSync(file).size;
				total += size;
				written++;
				log(`  ${shown(file)}  ${formatSize(size)}`);
			} catch (e) {
				problems.push(`${slug}: could not print it (${(e as Error).message.split('\n')[0]})`);
			}
		}
		await context.close();
	} finally {
		await browser.close();
		await server.close();
	}
	for (const problem of problems) error(`✖ ${problem}`);
	log(
		`pdf: ${written} file(s), ${formatSize(total)} in ${((performance.now() - started) / 1000).toFixed(1)} s` +
			(problems.length ? `, ${problems.length} problem(s)` : '')
	);
	return problems.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await writePdfs({ args: process.argv.slice(2) });
