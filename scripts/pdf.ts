/**
 * `npm run pdf [-- posts/bai-3.md …]`: prints posts of the built site, all of them or those named, to
 * `build/pdf/<slug>.pdf` with Debian's Chromium (headless, through playwright-core). It serves build/ itself, opens each
 * post with print media (src/lib/styles/print.css), waits for fonts and images, and writes A4 pages numbered
 * "Trang N/M". The build runs it too when `pdf` is on in src/lib/config.ts (or POST_PDF=1), and posts then link to
 * their PDF. What to print and the messages are decided in scripts/pdf-plan.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { basePath, buildDir } from '../src/lib/env.js';
import { manifestFile, readManifest } from '../src/lib/build/manifest.js';
import { CHROME_FLAGS, CHROME_PATH } from './chromium';
import { isMain } from './main';
import { printable } from '../src/lib/content/problems';
import {
	HEADER_TEMPLATE,
	PDF_LIMITS,
	PDF_MARGIN,
	PRINT_AREA,
	TIMED_OUT,
	builtBase,
	estimatePages,
	footerTemplate,
	formatSize,
	noBuildMessage,
	noChromiumMessage,
	pdfLimitWarning,
	selectPosts,
	withTimeLimit,
	withoutPdfLink,
	type PdfIndex,
	type PdfLimits
} from './pdf-plan';
import { serveStatic } from './serve';
import { localAddressWarning } from './built-site';

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
	/** Time and pages one post may take (PDF_LIMITS); a post over them is named and published without a PDF. */
	limits?: Partial<PdfLimits>;
}

/** Slugs of every post the site has a page for. */
function builtPosts(site: string): string[] {
	const dir = join(site, 'posts');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((slug) => existsSync(join(dir, slug, 'index.html')))
		.sort();
}

/** Takes the "Tải PDF" link off the page of a post that got no PDF; the page is replaced whole, never written in part. */
function dropPdfLink(site: string, slug: string) {
	const file = join(site, 'posts', slug, 'index.html');
	if (!existsSync(file)) return;
	const html = readFileSync(file, 'utf8');
	const without = withoutPdfLink(html);
	if (without === html) return;
	writeFileSync(`${file}.tmp`, without);
	renameSync(`${file}.tmp`, file);
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
	const limits = { ...PDF_LIMITS, ...options.limits };

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
	const indexFile = manifestFile(root);
	const index = readManifest(indexFile)?.content;
	// Warnings name the post file when the last build's index is at hand.
	const fileOf = new Map((index?.posts ?? []).map((p: { slug: string; file: string }) => [p.slug, p.file]));
	if (options.args?.length) {
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
	const indexHtml = readFileSync(join(site, 'index.html'), 'utf8');
	const base = builtBase(indexHtml) ?? basePath();
	// A PDF prints the post's address under its title: say so when it is http://localhost:4173/… (no SITE_URL).
	const addressWarning = localAddressWarning(indexHtml);
	if (addressWarning) error(addressWarning);
	const server = await serveStatic(site, { port: 0, base });
	const browser = await chromium.launch({ executablePath: chrome, args: CHROME_FLAGS });
	let total = 0;
	let written = 0;
	const overLimit: string[] = [];
	try {
		// Light, as paper is; print.css makes a dark theme print light anyway. As wide as the printed column, so that
		// the height of the page tells about how many sheets it prints on.
		const context = await browser.newContext({ colorScheme: 'light', viewport: PRINT_AREA });
		const newPage = async () => {
			const opened = await context.newPage();
			await opened.emulateMedia({ media: 'print' });
			return opened;
		};
		let page = await newPage();
		// The site's fonts are `font-display: optional`: a page shows them only when they are at hand, so the first
		// page is loaded twice, the second time with the fonts in the browser's cache.
		let fontsCached = false;
		for (const slug of slugs) {
			const file = join(out, `${slug}.pdf`);
			const where = fileOf.get(slug) ?? `posts/${slug}/`;
			// A PDF left by the last build into the same folder is not this post's any more.
			rmSync(file, { force: true });
			const print = async (page: Page): Promise<number | undefined> => {
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
				const pages = estimatePages(await page.evaluate(() => document.documentElement.scrollHeight));
				if (pages > limits.pages) return pages;
				await page.pdf({
					path: file,
					format: 'A4',
					printBackground: true,
					displayHeaderFooter: true,
					headerTemplate: HEADER_TEMPLATE,
					footerTemplate: footerTemplate(),
					margin: PDF_MARGIN
				});
				return undefined;
			};
			try {
				const result = await withTimeLimit(print(page), limits.timeMs);
				if (result !== undefined) {
					const over = result === TIMED_OUT ? { timeMs: limits.timeMs } : { pages: result };
					if (result === TIMED_OUT) {
						// Closing the page stops the print; the next post gets a new one.
						await page.close().catch(() => undefined);
						page = await newPage();
						fontsCached = false;
						rmSync(file, { force: true });
					}
					overLimit.push(printable(pdfLimitWarning(where, over, limits)));
					dropPdfLink(site, slug);
					continue;
				}
				const size = statSync(file).size;
				total += size;
				written++;
				log(`  ${shown(file)}  ${formatSize(size)}`);
			} catch (e) {
				problems.push(`${slug}: could not print it (${(e as Error).message.split('\n')[0]})`);
				dropPdfLink(site, slug);
			}
		}
		await context.close();
	} finally {
		await browser.close();
		await server.close();
	}
	for (const warning of overLimit) error(`⚠ ${warning}`);
	for (const problem of problems) error(`✖ ${problem}`);
	log(
		`pdf: ${written} file(s), ${formatSize(total)} in ${((performance.now() - started) / 1000).toFixed(1)} s` +
			(overLimit.length ? `, ${overLimit.length} post(s) over the limits without a PDF` : '') +
			(problems.length ? `, ${problems.length} problem(s)` : '')
	);
	return problems.length ? 1 : 0;
}

if (isMain(import.meta.url)) process.exitCode = await writePdfs({ args: process.argv.slice(2) });
