/**
 * The search step within a budget (probe finding 6, issue 21): one 83 KB post made of one long Vietnamese word took
 * post-build from 0.2 s to 92 s, since the pattern that found words with đ read the rest of the word again from each
 * letter. Words are now found whole, every step over a page reads it once, and a page is indexed up to
 * SEARCH_TEXT_LIMIT characters of text, with a warning naming the post.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	SEARCH_TEXT_LIMIT,
	buildSearchIndex,
	searchDocument,
	searchLimitWarning
} from '../../src/lib/search/build-index';
import { twinHtmlText } from '../../src/lib/search/fold';
import { readableHtml, tokenizeHtml } from '../../src/lib/search/index-html';
import { rewriteImages } from '../../src/lib/text/picture';
import { slugify } from '../../src/lib/text/slug';
import { absoluteUrl } from '../../src/lib/text/urls';

const page = (body: string) =>
	`<!doctype html><html><head><title>T</title></head><body><main><article class="post" data-pagefind-body>${body}</article></main></body></html>`;

/** The whole search step over one page, as buildSearchIndex runs it. */
const indexed = (html: string, limit = SEARCH_TEXT_LIMIT) =>
	twinHtmlText(readableHtml(searchDocument(html, limit).html));

describe('the search step over hostile pages', () => {
	it('indexes an 83 KB word without đ, and one with đ at its end, whole', () => {
		const word = 'ệ'.repeat(83 * 1024);
		expect(indexed(page(`<p>${word}</p>`))).toContain(`<p>${word}</p>`);
		expect(indexed(page(`<p>${word}đ</p>`))).toContain(`<p>${word}đ \u2063${word}d</p>`);
	});

	it('reads pages of 2 MB of one character, of unclosed comments and of tags that never close, once', () => {
		for (const unit of ['ệ', 'e\u0323\u0302', ' ', '<', '&', '<!--', '<a b="', '<a x ', '<pre>', '<sup>', '–a']) {
			const body = unit.repeat(Math.ceil((2 * 1024 * 1024) / unit.length));
			const tokens = tokenizeHtml(body);
			expect(tokens.map((t) => t.raw).join('')).toBe(body);
			expect(indexed(page(body)).length).toBeGreaterThan(0);
		}
	});

	it('takes an unclosed comment to the end of the page, as a browser does, and <!--> as an empty comment', () => {
		expect(tokenizeHtml('a<!-- b <p>c').map((t) => [t.kind, t.raw])).toEqual([
			['text', 'a'],
			['other', '<!-- b <p>c']
		]);
		expect(tokenizeHtml('<!-->x<!--->y').map((t) => t.raw)).toEqual(['<!-->', 'x', '<!--->', 'y']);
	});
});

describe('a page over the text budget of the index', () => {
	it('is indexed up to the limit, without splitting a character reference or a surrogate pair', () => {
		const doc = searchDocument(page('<p>ab&amp;cd</p><p>😀 more</p>'), 4);
		expect(doc).toEqual({ html: expect.stringContaining('<p>ab</article>'), text: 16, cut: true });
		expect(searchDocument(page('<p>a😀</p>'), 2).html).toContain('<p>a</article>');
		expect(searchDocument(page('<p>ab</p>'), 2)).toMatchObject({ cut: false, text: 2 });
	});

	it('finds the post body by its attribute, not by the words data-pagefind-body in a title', () => {
		const html = `<html><head><title>data-pagefind-body</title></head><body><article data-pagefind-body><p>x</p></article></body></html>`;
		expect(searchDocument(html).html).toBe(
			'<!doctype html><html lang="vi"><body><article data-pagefind-body><p>x</p></article></body></html>'
		);
	});

	it('says which post, how much text it had, and what to change', () => {
		expect(searchLimitWarning('posts/dai.md', 2 * 1024 * 1024)).toBe(
			'posts/dai.md search: expected at most 256 KB of text in one post, saw 2048 KB; only its first 256 KB can be found by search. Split the post into shorter ones'
		);
	});

	it('is named by its post file while the rest of the site is indexed in full', async () => {
		const site = mkdtempSync(join(tmpdir(), 'search-budget-'));
		try {
			for (const [slug, text] of [
				['dai', 'rất dài '.repeat(200)],
				['ngan', 'ngắn gọn']
			]) {
				mkdirSync(join(site, 'posts', slug), { recursive: true });
				writeFileSync(join(site, 'posts', slug, 'index.html'), page(`<h1>${slug}</h1><p>${text}</p>`));
			}
			const warnings: string[] = [];
			const result = await buildSearchIndex(site, undefined, {
				limit: 500,
				postFiles: { dai: 'posts/Bài dài.md' },
				warn: (line) => warnings.push(line)
			});
			expect(result).toMatchObject({ pages: 2, cut: ['posts/Bài dài.md'] });
			expect(warnings).toEqual([searchLimitWarning('posts/Bài dài.md', 'dai'.length + 'rất dài '.length * 200, 500)]);
		} finally {
			rmSync(site, { recursive: true, force: true });
		}
	});
});

describe('other helpers read long runs once', () => {
	it('keeps a picture whole when its alt text holds ">", and leaves a 2 MB run of "<img" as it is', () => {
		const html = '<p><img src="https://x.vn/a.png" alt="a > b"></p>';
		const out = rewriteImages(html, { lookup: () => undefined, base: '', withBase: (p) => p, firstIsPriority: false });
		expect(out).toBe(
			'<p><img loading="lazy" decoding="async" data-remote="" src="https://x.vn/a.png" alt="a > b"></p>'
		);
		const run = '<img x'.repeat(350_000);
		expect(rewriteImages(run, { lookup: () => undefined, base: '', withBase: (p) => p, firstIsPriority: false })).toBe(
			run
		);
	});

	it('trims dashes and slashes from runs of 2 MB', () => {
		expect(slugify(`${'-'.repeat(2 * 1024 * 1024)}x${'-'.repeat(2 * 1024 * 1024)}`)).toBe('x');
		expect(absoluteUrl(`https://x.vn${'/'.repeat(2 * 1024 * 1024)}`, '', '/a/')).toBe('https://x.vn/a/');
	});
});
