import { describe, expect, it } from 'vitest';
import { dWords, foldD, foldHtmlText } from '../../src/lib/search/fold';
import { mergeResults, pageUrl, renderExcerpt, unfoldExcerpt } from '../../src/lib/search/ui.js';

describe('folding đ for search', () => {
	it('turns đ and Đ into d and D and nothing else', () => {
		expect(foldD('Định danh đường dẫn')).toBe('Dịnh danh dường dẫn');
	});

	it('folds the text of a page but not its attributes', () => {
		expect(foldHtmlText('<a title="Đồng bộ" data-x="đ">Đồng bộ</a>')).toBe('<a title="Đồng bộ" data-x="đ">Dồng bộ</a>');
		expect(foldHtmlText('<p>Đi</p><pre><code>đ</code></pre>')).toBe('<p>Di</p>');
	});

	it('lists the words with đ so excerpts can be written back', () => {
		expect(dWords('Định danh và đường dẫn, định danh')).toEqual(['Định', 'đường', 'định']);
		expect(unfoldExcerpt('<mark>Dịnh</mark> danh và dường dẫn', dWords('Định danh và đường dẫn'))).toBe(
			'<mark>Định</mark> danh và đường dẫn'
		);
	});
});

describe('search results', () => {
	it('shows each page once, where its best copy ranked', () => {
		const merged = mergeResults([
			{ url: '/posts/a/?khong-dau', folded: true },
			{ url: '/posts/b/', folded: false },
			{ url: '/posts/a/', folded: false }
		]);
		expect(merged.map((r: { url: string }) => pageUrl(r.url))).toEqual(['/posts/a/', '/posts/b/']);
	});

	it('keeps only <mark> from an excerpt', () => {
		expect(renderExcerpt('<mark>x</mark> <img src=y onerror=alert(1)>', 'x')).toBe(
			'<mark>x</mark> &lt;img src=y onerror=alert(1)&gt;'
		);
	});
});
