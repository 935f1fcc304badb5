/**
 * Builds the Pagefind index of a written site with its Node API: every post page in the readable form of index-html.ts,
 * with the folded twins of words with đ (fold.ts).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { mapLimit } from '../content/map-limit.ts';
import { printable } from '../content/problems.ts';
import { twinHtmlText } from './fold.ts';
import { readableHtml, tokenizeHtml, type HtmlToken } from './index-html.ts';

/**
 * How much text of one page the index reads: a page beyond it is indexed from its start up to this much text, and
 * named. The longest course notes hold about 30 KB of text; a post may be 2 MB, mostly one "word" or one table, which
 * would cost the index (and every reader who searches) far more than it gives.
 */
export const SEARCH_TEXT_LIMIT = 256 * 1024;

/** The page as the index gets it, how much text it had, and whether it was cut at the limit. */
export interface SearchDocument {
	html: string;
	text: number;
	cut: boolean;
}

const PAGEFIND_BODY = /\sdata-pagefind-body(?=[\s=/>])/;

/** Where to cut a run of text so that neither a character reference (`&amp;`) nor a surrogate pair is split. */
function cutAt(text: string, at: number): number {
	const amp = text.lastIndexOf('&', at - 1);
	if (amp >= 0 && text.lastIndexOf(';', at - 1) < amp) at = amp;
	const code = text.charCodeAt(at - 1);
	return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/**
 * What Pagefind needs of a written page: the element marked `data-pagefind-body` (the post, with its metadata tags),
 * with highlighted code as plain text, and at most `limit` characters of text. The page's head, header, footer and
 * the spans of code colours are most of its bytes and none of its searchable text. Read in one pass over its tokens.
 */
export function searchDocument(page: string, limit = SEARCH_TEXT_LIMIT): SearchDocument {
	const tokens = tokenizeHtml(page);
	const isArticle = (t: HtmlToken, closing: boolean) =>
		t.kind === 'tag' && t.name === 'article' && t.closing === closing;
	const open = tokens.findIndex((t) => isArticle(t, false) && PAGEFIND_BODY.test(t.raw));
	let close = tokens.length - 1;
	while (close > open && !isArticle(tokens[close], true)) close--;
	const text = tokens.reduce((sum, t, i) => (t.kind === 'text' && i > open && i < close ? sum + t.raw.length : sum), 0);
	if (open < 0 || close <= open) return { html: page, text, cut: false };
	const out: string[] = [];
	let inPre = false;
	let left = limit;
	for (let i = open; i <= close; i++) {
		const t = tokens[i];
		if (t.kind === 'tag' && t.name === 'pre') inPre = !t.closing;
		else if (t.kind === 'tag' && t.name === 'span' && inPre) continue;
		if (t.kind === 'text' && t.raw.length > left) {
			// Elements left open are closed by the parser at the end of the document.
			out.push(t.raw.slice(0, cutAt(t.raw, left)), tokens[close].raw);
			return { html: wrap(out.join('')), text, cut: true };
		}
		if (t.kind === 'text') left -= t.raw.length;
		out.push(t.raw);
	}
	return { html: wrap(out.join('')), text, cut: false };
}

const wrap = (article: string) => `<!doctype html><html lang="vi"><body>${article}</body></html>`;

/** The marked article of a page with code as plain text, whatever its length (see searchDocument). */
export const searchInput = (page: string): string => searchDocument(page, Infinity).html;

/** The warning for a page cut at SEARCH_TEXT_LIMIT, naming the post file when it is known. */
export function searchLimitWarning(where: string, text: number, limit = SEARCH_TEXT_LIMIT): string {
	const kb = (n: number) => `${Math.round(n / 1024)} KB`;
	return (
		`${where} search: expected at most ${kb(limit)} of text in one post, saw ${kb(text)}; only its first ` +
		`${kb(limit)} can be found by search. Split the post into shorter ones`
	);
}

/**
 * The HTML pages of a written site, as paths relative to it, sorted: Pagefind's output depends on the order pages are
 * added, and the order a folder lists its files in depends on the file system and on when each file was written.
 */
const htmlFiles = (dir: string) =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.html') && !f.startsWith('_app'))
		.sort();

export interface SearchIndexOptions {
	/** Characters of text read from one page (SEARCH_TEXT_LIMIT). */
	limit?: number;
	/** Post files by slug (`posts/bai-3.md`), to name a post in a warning; its address otherwise. */
	postFiles?: Record<string, string>;
	/** Where warnings go; the build's log by default. */
	warn?: (line: string) => void;
}

/** Pages sent to Pagefind before the first is answered. */
const IN_FLIGHT = 8;

/**
 * Builds the index into `siteDir/pagefind`. Pagefind indexes in its own process while this one reads and prepares the
 * next pages and runs `meanwhile` (work on the site that must replace a page's file at once, never write it in part,
 * since the index may be reading it), instead of waiting for each page in turn.
 */
export async function buildSearchIndex(
	siteDir: string,
	meanwhile: () => Promise<unknown> = async () => undefined,
	options: SearchIndexOptions = {}
): Promise<{ pages: number; files: number; cut: string[] }> {
	const { limit = SEARCH_TEXT_LIMIT, postFiles = {}, warn = (line: string) => console.warn(`⚠ ${line}`) } = options;
	const { index, errors } = await pagefind.createIndex({
		forceLanguage: 'vi',
		// Navigation and decoration repeat across pages and would crowd results.
		excludeSelectors: [
			'.heading-anchor',
			'.toc',
			'.post-nav',
			'.code-lang',
			'.copy-code',
			// The post's header is its title and page chrome (series place, date, reading time, PDF link, categories):
			// read as body text it opened excerpts ("Bài 2/2 · Bài tập về nhà."). The title is kept for ranking, and
			// the search page drops it from excerpts (ui.js, dropTitle), since each result shows it as its heading.
			'.post-header > :not(h1)',
			// KaTeX writes each formula twice, as visual HTML and as MathML: the MathML is read, in plain words
			// (readableMath in index-html.ts: "T_mới = (T_cũ + 1)/2", not its TeX source).
			'.katex-html'
		]
	});
	if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
	try {
		const pages = htmlFiles(siteDir);
		let indexed = 0;
		const cut: string[] = [];
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
			const doc = searchDocument(content, limit);
			if (doc.cut) {
				const slug = /^\/posts\/([^/]+)\/$/.exec(url)?.[1];
				const where = (slug && postFiles[slug]) ?? url;
				cut.push(where);
				warn(printable(searchLimitWarning(where, doc.text, limit)));
			}
			const added = await index.addHTMLFile({ url, content: twinHtmlText(readableHtml(doc.html)) });
			if (added.errors.length) throw new Error(`pagefind could not index ${url}: ${added.errors.join('; ')}`);
			indexed++;
		});
		await Promise.all([adding, meanwhile()]);
		// A build that kept the site of the last one finds its index there.
		rmSync(join(siteDir, 'pagefind'), { recursive: true, force: true });
		const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
		if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
		const files = readdirSync(join(siteDir, 'pagefind'), { recursive: true }).length;
		return { pages: indexed, files, cut: cut.sort() };
	} finally {
		await pagefind.close();
	}
}
