import { describe, expect, it } from 'vitest';
import { foldD, twinHtmlText } from '../../src/lib/search/fold';
import { dropTwins, renderExcerpt } from '../../src/lib/search/ui.js';

describe('folding đ for search', () => {
	it('turns đ and Đ into d and D and nothing else', () => {
		expect(foldD('Định danh đường dẫn')).toBe('Dịnh danh dường dẫn');
	});

	it('follows each word with đ in the text of a page by its folded twin, and leaves attributes as they are', () => {
		expect(twinHtmlText('<a title="Đồng bộ" data-x="đ">Đồng bộ, đi.</a>')).toBe(
			'<a title="Đồng bộ" data-x="đ">Đồng \u2063Dồng bộ, đi \u2063di.</a>'
		);
		expect(twinHtmlText('<p>Di chuyển</p><pre><code>// đọc</code></pre>')).toBe(
			'<p>Di chuyển</p><pre><code>// đọc \u2063dọc</code></pre>'
		);
	});

	it('drops the twins from text the index gives back, and only them', () => {
		const indexed = twinHtmlText('<p>Định danh, di động và đi</p>').replace(/<[^>]+>/g, '');
		expect(dropTwins(indexed)).toBe('Định danh, di động và đi');
		// An excerpt may start inside a pair.
		expect(dropTwins('\u2063dộng và đi \u2063di')).toBe(' và đi');
	});
});

describe('search results', () => {
	it('shows an excerpt as the page reads, without twins, marked where the query matched', () => {
		expect(renderExcerpt('<mark>Định</mark> \u2063<mark>Dịnh</mark> danh, di động', 'dinh danh')).toBe(
			'<mark>Định</mark> <mark>danh</mark>, di động'
		);
	});

	it('keeps only <mark> from an excerpt', () => {
		expect(renderExcerpt('<mark>x</mark> <img src=y onerror=alert(1)>', 'x')).toBe(
			'<mark>x</mark> &lt;img src=y onerror=alert(1)&gt;'
		);
	});
});
