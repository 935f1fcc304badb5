/**
 * Search that reads well (issue 14, part 3): the page as the index reads it (src/lib/search/index-html.ts) and the
 * excerpts as the search page writes them (src/lib/search/ui.js).
 */
import { describe, expect, it } from 'vitest';
import { searchInput } from '../../src/lib/search/build-index';
import { twinHtmlText } from '../../src/lib/search/fold';
import { readableHtml, tokenizeHtml } from '../../src/lib/search/index-html';
import {
	excerptText,
	foldWord,
	indexQuery,
	joinDashes,
	markQuery,
	renderExcerpt,
	separateDashes
} from '../../src/lib/search/ui.js';

/** Text as Pagefind reads it from HTML: tags dropped, runs of spaces as one. */
const textOf = (html: string) =>
	html
		.replace(/<[^>]*>/g, '')
		.replace(/\s+/g, ' ')
		.trim();

describe('the page as the index reads it', () => {
	it('sends Pagefind the marked article alone, with highlighted code as plain text', () => {
		const page =
			'<!doctype html><html lang="vi"><head><title>T</title><style>p{}</style></head><body><header>Đầu trang</header>' +
			'<main><article class="post" data-pagefind-body><h1>Bài 1</h1><div class="code-block"><span class="code-lang">Go</span>' +
			'<pre class="shiki"><code><span class="line"><span style="--a:#fff">x</span><span> := 1</span></span>\n</code></pre>' +
			'</div><nav class="post-nav"><a href="/b/">Bài 2</a></nav></article></main><footer>Cuối trang</footer></body></html>';
		const input = searchInput(page);
		expect(input).toBe(
			'<!doctype html><html lang="vi"><body><article class="post" data-pagefind-body><h1>Bài 1</h1>' +
				'<div class="code-block"><span class="code-lang">Go</span><pre class="shiki"><code>x := 1\n</code></pre></div>' +
				'<nav class="post-nav"><a href="/b/">Bài 2</a></nav></article></body></html>'
		);
		// A page with no marked article (a listing) is left as it is.
		expect(searchInput('<html><body><p>Danh sách</p></body></html>')).toBe(
			'<html><body><p>Danh sách</p></body></html>'
		);
	});

	it('splits HTML into pieces that join back into it, script bodies and quoted ">" included', () => {
		const html =
			'<!doctype html><p class="a>b" data-x=\'y\'>Một &#x3C; hai<br/></p><!-- c --><script>if (a<b) x("</p>")</script> < 3';
		const tokens = tokenizeHtml(html);
		expect(tokens.map((t) => t.raw).join('')).toBe(html);
		expect(tokens.filter((t) => t.kind === 'text').map((t) => t.raw)).toEqual(['Một &#x3C; hai', ' ', '<', ' 3']);
		expect(tokens.filter((t) => t.kind === 'tag').map((t) => t.raw)).toContain('<p class="a>b" data-x=\'y\'>');
	});

	it('reads header cells like data cells, so "Kịch bản" and "Độ trễ" stay apart (the bug: "Kịch bảnĐộ trễ")', () => {
		const html = '<table><thead><tr><th align="left">Kịch bản</th><th>Độ trễ</th></tr></thead></table>';
		const readable = readableHtml(html);
		expect(readable).toContain('<td align="left">Kịch bản</td><td>Độ trễ</td>');
		expect(readable).not.toMatch(/<\/?th\b/);
	});

	it('sets apart blocks that Pagefind would run together: terms, quotes, captions, code', () => {
		const html =
			'<dl><dt>Độ trễ</dt><dd>Thời gian chờ</dd></dl><figure><figcaption>Hình 1</figcaption></figure><pre><code>x</code></pre>';
		expect(textOf(readableHtml(html))).toBe('Độ trễ Thời gian chờ Hình 1 x');
		expect(textOf(html)).toBe('Độ trễThời gian chờHình 1x');
	});

	it('writes a superscript with "^" as TeX would: O(N^2), 2^(n+1); a footnote call stays a number', () => {
		expect(readableHtml('O(N<sup>2</sup>) và 2<sup>n+1</sup>, Na<sup>+</sup>')).toBe(
			'O(N<sup>^2</sup>) và 2<sup>^(n+1)</sup>, Na<sup>^+</sup>'
		);
		const note = 'đồng bộ<sup><a href="#fn-1" id="fnref-1" class="footnote-ref">1</a></sup>';
		expect(readableHtml(note)).toBe(note);
	});

	it('sets apart words joined by a dash in text only, not in attributes, scripts or spaced dashes', () => {
		expect(readableHtml('<p title="Ricart–Agrawala">Ricart–Agrawala, 1990—2000; Lamport — mỗi</p>')).toBe(
			'<p title="Ricart–Agrawala">Ricart –\u2060 Agrawala, 1990 —\u2060 2000; Lamport — mỗi</p>'
		);
		const script = '<script>const a = "x–y";</script>';
		expect(readableHtml(script)).toBe(script);
	});

	it('leaves KaTeX math as it is when it adds twins, so excerpts still show the formula', () => {
		const math =
			'<p>Định luật <span class="katex"><span class="katex-mathml"><math><semantics><mi>S</mi><annotation encoding="application/x-tex">S</annotation></semantics></math></span></span></p>';
		expect(twinHtmlText(math)).toBe(math.replace('Định', 'Định \u2063Dịnh'));
	});
});

describe('excerpts as the search page writes them', () => {
	it('writes out what Pagefind escaped: "&lt;1ms" reads "<1ms" (the bug showed the entity)', () => {
		expect(excerptText('Cùng máy chủ. <mark>&lt;1ms.</mark> R&D, a &gt; b')).toBe('Cùng máy chủ. <1ms. R&D, a > b');
	});

	it('puts words joined by a dash back together, and gives the index the query with the dash as a space', () => {
		const text = 'Thuật toán Ricart–Agrawala (1981) — 1990–2000';
		expect(separateDashes(text)).toBe('Thuật toán Ricart –\u2060 Agrawala (1981) — 1990 –\u2060 2000');
		expect(joinDashes(separateDashes(text))).toBe(text);
		// Pagefind's excerpt window may start or end at the dash.
		expect(joinDashes('–\u2060 Agrawala và Ricart –\u2060')).toBe('–Agrawala và Ricart–');
		expect(indexQuery(' Ricart–Agrawala  ')).toBe('Ricart Agrawala');
		expect(indexQuery('vào/ra')).toBe('vào/ra');
	});

	it('folds a word for comparison: accents, tone marks, đ and case', () => {
		expect(['Đồng', 'động', 'đóng', 'DONG', 'dong'].map(foldWord)).toEqual(['dong', 'dong', 'dong', 'dong', 'dong']);
		expect(foldWord('bởi')).toBe('boi');
	});

	const sentence = 'cần đồng bộ đồng hồ: đóng kết nối bởi vì động cơ bỏ bốn lần. Dong bo viết không dấu là đồng bộ.';

	it('marks "dong bo" where the words come in a row, not động, đóng, bởi, bỏ or bốn (the bug marked them all)', () => {
		expect(markQuery(sentence, 'dong bo')).toBe(
			'cần <mark>đồng</mark> <mark>bộ</mark> đồng hồ: đóng kết nối bởi vì động cơ bỏ bốn lần. <mark>Dong</mark> <mark>bo</mark> viết không dấu là <mark>đồng</mark> <mark>bộ</mark>.'
		);
	});

	it('prefers the accents typed: "đồng bộ" marks đồng bộ but not "Dong bo"', () => {
		expect(markQuery(sentence, 'Đồng bộ')).toBe(
			'cần <mark>đồng</mark> <mark>bộ</mark> đồng hồ: đóng kết nối bởi vì động cơ bỏ bốn lần. Dong bo viết không dấu là <mark>đồng</mark> <mark>bộ</mark>.'
		);
	});

	it('marks each word of the query that equals it once folded when the words are not in a row', () => {
		expect(markQuery('động cơ và đồng hồ, không phải đông', 'dong ho')).toBe(
			'động cơ và <mark>đồng</mark> <mark>hồ</mark>, không phải đông'
		);
		expect(markQuery('động cơ và đồng hồ, bộ đông', 'dong bo')).toBe(
			'<mark>động</mark> cơ và <mark>đồng</mark> hồ, <mark>bộ</mark> <mark>đông</mark>'
		);
		// A word typed with accents that no word has exactly still marks its folded equals.
		expect(markQuery('Định danh', 'dính')).toBe('<mark>Định</mark> danh');
	});

	it('marks the halves of a name joined by a dash, and nothing that only starts like the query', () => {
		expect(markQuery('Ricart–Agrawala và Agrawalas', 'agrawala')).toBe('Ricart–<mark>Agrawala</mark> và Agrawalas');
		expect(markQuery('Ricart–Agrawala', 'Ricart–Agrawala')).toBe('<mark>Ricart</mark>–<mark>Agrawala</mark>');
	});

	it('writes an excerpt with twins as the page has it, with the words of the query marked', () => {
		const twinned =
			'Hai tiến trình cần đồng \u2063<mark>dồng</mark> <mark>bộ</mark> đồng \u2063<mark>dồng</mark> hồ: đóng \u2063<mark>dóng</mark> kết nối';
		expect(renderExcerpt(twinned, 'dong bo')).toBe(
			'Hai tiến trình cần <mark>đồng</mark> <mark>bộ</mark> đồng hồ: đóng kết nối'
		);
	});

	it('keeps only its own <mark>: anything else in an excerpt is text', () => {
		expect(renderExcerpt('<mark>độ</mark> trễ &lt;img src=y onerror=alert(1)&gt; <b>"a"</b>', 'độ')).toBe(
			'<mark>độ</mark> trễ &lt;img src=y onerror=alert(1)&gt; &lt;b&gt;&quot;a&quot;&lt;/b&gt;'
		);
	});
});
