// The search page's only script, loaded by /search/ alone. Plain JavaScript served as is (pages are rendered without
// a client framework); the pure helpers are exported for unit tests.

/** URL suffix of the folded copy of a page (see build-index.ts). */
export const FOLDED_SUFFIX = '?khong-dau';

/** `Định danh` → `Dịnh danh`: only đ and Đ change, so every character keeps its place. @param {string} s */
export const foldD = (s) => s.replace(/đ/g, 'd').replace(/Đ/g, 'D');

/**
 * Writes folded words of an excerpt back as the page has them, using the page's list of words with đ.
 * @param {string} excerpt Pagefind excerpt HTML (text with <mark> tags)
 * @param {string[]} words words of the page that contain đ/Đ
 */
export function unfoldExcerpt(excerpt, words) {
	if (!words.length) return excerpt;
	/** @type {Map<string, string>} */
	const map = new Map();
	for (const w of words) map.set(foldD(w), w);
	return excerpt.replace(/[\p{L}\p{M}]+/gu, (w) => map.get(w) ?? w);
}

/** The page URL of a result, without the folded-copy suffix. @param {string} url */
export const pageUrl = (url) => url.replace(FOLDED_SUFFIX, '');

/**
 * One result per page, in Pagefind's order: the copy that ranked best stands for the page (Pagefind ranks exact
 * accents above folded ones, so a query typed with đ lands on the page as written).
 * @template {{ url: string, folded: boolean }} T
 * @param {T[]} results
 * @returns {T[]}
 */
export function mergeResults(results) {
	/** @type {Map<string, T>} */
	const byPage = new Map();
	for (const r of results) {
		const key = pageUrl(r.url).split('#')[0];
		if (!byPage.has(key)) byPage.set(key, r);
	}
	return [...byPage.values()];
}

/** @param {string} s */
const escapeHtml = (s) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** Only <mark> survives from an excerpt; everything else is text. @param {string} html */
export function safeExcerpt(html) {
	return escapeHtml(html)
		.replace(/&lt;mark&gt;/g, '<mark>')
		.replace(/&lt;\/mark&gt;/g, '</mark>');
}

const PER_PAGE = 10;

async function start() {
	const script = /** @type {HTMLScriptElement} */ (document.querySelector('script[data-bundle]'));
	const bundle = script.dataset.bundle ?? '/pagefind/pagefind.js';
	const base = script.dataset.base ?? '';
	const list = /** @type {HTMLOListElement} */ (document.querySelector('[data-search-results]'));
	const status = /** @type {HTMLElement} */ (document.querySelector('[data-search-status]'));
	const input = /** @type {HTMLInputElement} */ (document.querySelector('#search-query'));
	const select = /** @type {HTMLSelectElement | null} */ (document.querySelector('#search-category'));
	const params = new URLSearchParams(location.search);
	const query = (params.get('q') ?? '').trim();
	const category = params.get('category') ?? '';
	input.value = query;
	if (select) select.value = category;
	if (!query) {
		status.textContent = 'Nhập từ khóa, có dấu hoặc không dấu, ví dụ: dinh danh.';
		return;
	}
	status.textContent = 'Đang tìm…';
	/** @type {any} */
	const pagefind = await import(bundle);
	await pagefind.options({ baseUrl: base + '/' });
	const search = await pagefind.search(query, category ? { filters: { category } } : {});
	// Both copies of a page can match: load a few more than a page's worth, then merge.
	const top = await Promise.all(search.results.slice(0, PER_PAGE + 4).map((/** @type {any} */ r) => r.data()));
	const merged = mergeResults(top.map((d) => ({ ...d, folded: d.url.includes(FOLDED_SUFFIX) }))).slice(0, PER_PAGE);
	const pages = new Set(search.results.length ? merged.map((r) => pageUrl(r.url)) : []);
	status.textContent = merged.length
		? `${pages.size}${search.results.length > PER_PAGE + 4 ? '+' : ''} kết quả cho “${query}”${category ? ` trong chủ đề ${category}` : ''}.`
		: `Không tìm thấy kết quả cho “${query}”${category ? ` trong chủ đề ${category}` : ''}.`;
	list.innerHTML = merged
		.map((r) => {
			const words = (r.meta.dwords ?? '').split(' ').filter(Boolean);
			const show = (/** @type {string} */ ex) => safeExcerpt(r.folded ? unfoldExcerpt(ex, words) : ex);
			const subs = (r.sub_results ?? [])
				.filter((/** @type {any} */ s) => s.url.includes('#'))
				.slice(0, 3)
				.map(
					(/** @type {any} */ s) =>
						`<li><a href="${escapeHtml(pageUrl(s.url))}">${escapeHtml(r.folded ? unfoldExcerpt(s.title, words) : s.title)}</a><p>${show(s.excerpt)}</p></li>`
				)
				.join('');
			return `<li class="search-result"><h2><a href="${escapeHtml(pageUrl(r.url))}">${escapeHtml(r.meta.title ?? '')}</a></h2><p>${show(r.excerpt)}</p>${subs ? `<ul class="search-subresults">${subs}</ul>` : ''}</li>`;
		})
		.join('');
}

if (typeof document !== 'undefined') {
	start().catch((error) => {
		const status = document.querySelector('[data-search-status]');
		if (status) status.textContent = 'Không tải được bộ tìm kiếm. Hãy thử lại sau.';
		console.error(error);
	});
}
