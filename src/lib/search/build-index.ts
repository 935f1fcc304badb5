/**
 * Builds the Pagefind index of a written site with its Node API: every post page in the readable form of index-html.ts,
 * with the folded twins of words with đ (fold.ts).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { mapLimit } from '../content/map-limit.ts';
import { twinHtmlText } from './fold.ts';
import { readableHtml } from './index-html.ts';

/**
 * What Pagefind needs of a written page: the element marked `data-pagefind-body` (the post, with its metadata tags),
 * with highlighted code as plain text. The page's head, header, footer and the spans of code colours are most of its
 * bytes and none of its searchable text.
 */
export function searchInput(page: string): string {
	const open = /<article\b[^>]*\bdata-pagefind-body\b[^>]*>/.exec(page);
	const end = page.lastIndexOf('</article>');
	if (!open || end < open.index) return page;
	const article = page
		.slice(open.index, end + '</article>'.length)
		.replace(/<pre\b[^>]*>[\s\S]*?<\/pre>/g, (pre) => pre.replace(/<\/?span\b[^>]*>/g, ''));
	return `<!doctype html><html lang="vi"><body>${article}</body></html>`;
}

/**
 * The HTML pages of a written site, as paths relative to it, sorted: Pagefind's output depends on the order pages are
 * added, and the order a folder lists its files in depends on the file system and on when each file was written.
 */
const htmlFiles = (dir: string) =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.html') && !f.startsWith('_app'))
		.sort();

/** Pages sent to Pagefind before the first is answered. */
const IN_FLIGHT = 8;

/**
 * Builds the index into `siteDir/pagefind`. Pagefind indexes in its own process while this one reads and prepares the
 * next pages and runs `meanwhile` (work on the site that must replace a page's file at once, never write it in part,
 * since the index may be reading it), instead of waiting for each page in turn.
 */
export async function buildSearchIndex(
	siteDir: string,
	meanwhile: () => Promise<unknown> = async () => undefined
): Promise<{ pages: number; files: number }> {
	const { index, errors } = await pagefind.createIndex({
		forceLanguage: 'vi',
		// Navigation and decoration repeat across pages and would crowd results.
		excludeSelectors: [
			'.heading-anchor',
			'.toc',
			'.post-nav',
			'.code-lang',
			'.copy-code',
			'.post-header .meta',
			'.post-header .tags',
			// KaTeX writes each formula twice (visual HTML and MathML) and MathML runs its symbols together: only the
			// TeX source in the MathML annotation is read ("T(n) = n^2 + \log n").
			'.katex-html',
			'.katex-mathml semantics > :not(annotation)'
		]
	});
	if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
	try {
		const pages = htmlFiles(siteDir);
		let indexed = 0;
		// A few pages in flight keep Pagefind busy without holding every page in memory; it indexes them in the order
		// they are sent, which is the sorted order.
		const adding = mapLimit(pages, IN_FLIGHT, async (file) => {
			const content = readFileSync(join(siteDir, file), 'utf8');
			if (!content.includes('data-pagefind-body')) return;
			const url =
				'/' +
				file
					.split(sep)
					.join('/')
					.replace(/index\.html$/, '');
			const added = await index.addHTMLFile({ url, content: twinHtmlText(readableHtml(searchInput(content))) });
			if (added.errors.length) throw new Error(`pagefind could not index ${url}: ${added.errors.join('; ')}`);
			indexed++;
		});
		await Promise.all([adding, meanwhile()]);
		// A build that kept the site of the last one finds its index there.
		rmSync(join(siteDir, 'pagefind'), { recursive: true, force: true });
		const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
		if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
		return { pages: indexed, files: readdirSync(join(siteDir, 'pagefind'), { recursive: true }).length };
	} finally {
		await pagefind.close();
	}
}
