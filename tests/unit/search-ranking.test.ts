/**
 * Search as a reader uses it (issue 25, point 5): formulas read in plain words, excerpts without the page's header,
 * results while typing, and the query's syllables in a row ranked first. The pure parts of index-html.ts and ui.js.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { readableHtml, readableMath, tokenizeHtml } from '../../src/lib/search/index-html';
import {
	TYPING_PAUSE,
	dropTitle,
	phraseScore,
	rankByPhrase,
	renderExcerpt,
	searchPlan,
	searchUrl
} from '../../src/lib/search/ui.js';

/** The MathML KaTeX writes for `tex`, read in plain words. */
const read = (tex: string, displayMode = false) => {
	const html = katex.renderToString(tex, { output: 'htmlAndMathml', throwOnError: false, strict: false, displayMode });
	const tokens = tokenizeHtml(html);
	const from = tokens.findIndex((t) => t.kind === 'tag' && t.name === 'math' && !t.closing);
	const to = tokens.findIndex((t) => t.kind === 'tag' && t.name === 'math' && t.closing);
	return readableMath(tokens.slice(from + 1, to));
};

describe('math as the index reads it', () => {
	it('reads a formula in plain words, not as its TeX source', () => {
		expect(read(String.raw`T_{\text{mới}} = \frac{T_{\text{cũ}} + 1}{2}`)).toBe('T_mới = (T_cũ + 1)/2');
		expect(read(String.raw`T(n) = n^2 + \log n`)).toBe('T(n) = n^2 + log n');
		expect(read(String.raw`\sum_{i=1}^{n} x_i^2 \le \sqrt{n}`, true)).toBe('∑_(i = 1)^n x_i^2 ≤ √n');
		expect(read(String.raw`O(N^{n+1}), \hat{x}`)).toBe('O(N^(n + 1)), x̂');
		expect(read(String.raw`\begin{pmatrix}a&b\\c&d\end{pmatrix}`)).toBe('(a b; c d)');
	});

	it('replaces the MathML of a page by its words, keeping the text around it', () => {
		const math = katex.renderToString(String.raw`T_{\text{mới}} = \frac{a}{b}`, {
			output: 'htmlAndMathml',
			strict: false
		});
		const out = readableHtml(`<p>Theo ${math} thì</p>`);
		expect(out).toContain('Theo <span class="katex"><span class="katex-mathml">T_mới = a/b</span>');
		expect(out).not.toContain('<annotation');
		expect(out).not.toContain('\\text');
		// The visual copy stays, for the index's exclude selector (.katex-html) to leave out.
		expect(out).toContain('<span class="katex-html"');
	});

	it('reads MathML nested far deeper than KaTeX writes it, without running out of stack', () => {
		const depth = 200_000;
		const html = `<p><math>${'<mrow>'.repeat(depth)}<mi>x</mi>${'</mrow>'.repeat(depth)}</math> sau</p>`;
		expect(readableHtml(html)).toBe('<p>x sau</p>');
	});
});

describe('excerpts without the title', () => {
	it('drops the title, whole or its last words, from the start of an excerpt', () => {
		const title = 'Định danh và đồng bộ';
		expect(dropTitle('Định danh và đồng bộ. Bài này dùng để kiểm thử', title)).toBe('Bài này dùng để kiểm thử');
		expect(dropTitle('và đồng bộ. Bài này dùng để kiểm thử', title)).toBe('Bài này dùng để kiểm thử');
		expect(dropTitle('… đồng bộ Bài này', title)).toBe('Bài này');
		expect(dropTitle('bộ. Bài này', title)).toBe('Bài này');
	});

	it('keeps an excerpt that only starts like a word of the title, or holds the title later on', () => {
		const title = 'Định danh và đồng bộ';
		expect(dropTitle('bộ nhớ đệm', title)).toBe('bộ nhớ đệm');
		expect(dropTitle('Bài này về định danh và đồng bộ', title)).toBe('Bài này về định danh và đồng bộ');
		expect(dropTitle('bội số chung', title)).toBe('bội số chung');
	});

	it('drops it from a Pagefind excerpt before marking the query', () => {
		const excerpt = 'và <mark>đồng</mark> <mark>bộ</mark>. Tiến trình cần <mark>đồng</mark> <mark>bộ</mark> đồng hồ';
		expect(renderExcerpt(excerpt, 'dong bo', 'Định danh và đồng bộ')).toBe(
			'Tiến trình cần <mark>đồng</mark> <mark>bộ</mark> đồng hồ'
		);
	});
});

describe('a phrase ranks first', () => {
	it('scores the query as typed in a row 2, folded in a row 1, apart 0', () => {
		expect(phraseScore('các máy cần đồng bộ trước', 'đồng bộ')).toBe(2);
		expect(phraseScore('các máy cần đồng bộ trước', 'dong bo')).toBe(2);
		expect(phraseScore('các máy cần đóng bỏ trước', 'đồng bộ')).toBe(1);
		expect(phraseScore('Đồng hồ cát, bộ đếm nhịp', 'dong bo')).toBe(0);
		expect(phraseScore('bộ đồng', 'dong bo')).toBe(0);
		expect(phraseScore('cần đồng. Bộ đếm', 'dong bo'), 'not across a sentence').toBe(0);
		expect(phraseScore('Ricart–Agrawala', 'ricart agrawala')).toBe(2);
		expect(phraseScore('đồng bộ', 'dong'), 'one word is no phrase').toBe(0);
	});

	it('puts results with the phrase first and keeps Pagefind’s order otherwise', () => {
		const pages = [
			{ url: 'scattered', text: 'Đồng hồ và bộ đếm. Đồng xu, bộ bài.' },
			{ url: 'none', text: 'không liên quan' },
			{ url: 'adjacent', text: 'các máy cần đồng bộ trước khi ghi' },
			{ url: 'folded', text: 'Dong bo viết không dấu' }
		];
		const order = (q: string) => rankByPhrase(pages, (p) => p.text, q).map((p) => p.url);
		expect(order('dong bo')).toEqual(['adjacent', 'folded', 'scattered', 'none']);
		expect(order('đồng bộ')).toEqual(['adjacent', 'folded', 'scattered', 'none']);
		expect(order('dong')).toEqual(['scattered', 'none', 'adjacent', 'folded']);
	});
});

describe('results while typing', () => {
	const none = { query: '', category: '' };
	it('searches after a pause in typing, and at once on Enter, a filter or opening the page', () => {
		expect(searchPlan({ query: 'dong', category: '' }, none, 'input')).toEqual({ run: true, delay: TYPING_PAUSE });
		expect(searchPlan({ query: 'dong', category: 'Mạng' }, { query: 'dong', category: '' }, 'change')).toEqual({
			run: true,
			delay: 0
		});
		expect(searchPlan({ query: 'dong', category: '' }, null, 'load')).toEqual({ run: true, delay: 0 });
		expect(searchPlan({ query: 'dong', category: '' }, none, 'submit')).toEqual({ run: true, delay: 0 });
	});

	it('does not search again for what is shown, unless asked with Enter', () => {
		const shown = { query: 'dong bo', category: '' };
		expect(searchPlan({ query: 'dong  bo ', category: '' }, shown, 'input').run).toBe(false);
		expect(searchPlan({ query: 'dong bo', category: '' }, shown, 'change').run).toBe(false);
		expect(searchPlan({ query: 'dong bo', category: '' }, shown, 'submit').run).toBe(true);
	});

	it('keeps the address in step, to share a search', () => {
		const page = 'https://x.test/ghi-chep/search/';
		expect(searchUrl(page, ' dinh danh ', '')).toBe(`${page}?q=dinh+danh`);
		expect(searchUrl(`${page}?q=a&category=M`, 'dong bo', 'Tìm kiếm')).toBe(
			`${page}?q=dong+bo&category=T%C3%ACm+ki%E1%BA%BFm`
		);
		expect(searchUrl(`${page}?q=a&category=M`, '', '')).toBe(page);
	});
});
