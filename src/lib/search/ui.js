// The search page's only script, loaded by /search/ alone. Plain JavaScript served as is (pages are rendered without
// a client framework); the pure helpers are exported for unit tests.

/** `Định danh` → `Dịnh danh`: only đ and Đ change, so every character keeps its place. @param {string} s */
export const foldD = (s) => s.replace(/đ/g, 'd').replace(/Đ/g, 'D');

/**
 * Marks the folded twin that the index reads after each word with đ (see fold.ts): U+2063, an invisible separator,
 * which Pagefind keeps in excerpts and ignores in words.
 */
export const TWIN = '\u2063';

/** Text from the index as the page reads: `Định ⁣Dịnh danh` → `Định danh`. @param {string} s */
export const dropTwins = (s) => s.replace(/ ?\u2063[\p{L}\p{M}]*/gu, '');

/** @param {string} s */
const escapeHtml = (s) =>
	s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

// Figure dash, en dash, em dash, horizontal bar. The index splits words at spaces only and keeps these inside a word
// (ASCII "-" and "/" it splits itself), so "Ricart–Agrawala" would be one word that neither name finds.
const DASH = /[\u2012-\u2015]/g;
const WORD_JOINER = '\u2060';

/**
 * `Ricart–Agrawala` → `Ricart –⁠ Agrawala` for the index: a dash between two words gets spaces around it, and an
 * invisible word joiner after it so that joinDashes can put the words back together in excerpts. @param {string} s
 */
export const separateDashes = (s) =>
	s.replace(/(?<=[\p{L}\p{M}\p{N}])([\u2012-\u2015])(?=[\p{L}\p{N}])/gu, ` $1${WORD_JOINER} `);

/** Undoes separateDashes in text from the index: `Ricart –⁠ Agrawala` → `Ricart–Agrawala`. @param {string} s */
export const joinDashes = (s) => s.replace(/ ?([\u2012-\u2015])\u2060 ?/g, '$1');

/** The query as the index should read it: dashes between words, as in separateDashes, are spaces. @param {string} q */
export const indexQuery = (q) => q.normalize('NFC').replace(DASH, ' ').replace(/\s+/g, ' ').trim();

/** A word of text: letters with their combining marks, and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** A word without accents, tone marks or case: `Đồng` → `dong`. @param {string} w */
export const foldWord = (w) => foldD(w.normalize('NFD').replace(/\p{M}/gu, '')).toLowerCase();

/** Pagefind's excerpts are HTML: text with `<` and `>` escaped, and `<mark>` around what it matched. */
const ENTITY = /&(lt|gt|amp|quot|#39|#x27);/g;
/** @type {Record<string, string>} */
const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" };

/** The plain text of a Pagefind excerpt: its marks dropped, its escaped characters written out. @param {string} html */
export const excerptText = (html) => html.replace(/<\/?mark>/g, '').replace(ENTITY, (_, name) => ENTITIES[name]);

/**
 * The excerpt as HTML with only the words of the query marked. Pagefind marks every word that starts like a word of
 * the query, whatever its accents ("dong bo" marks động, đóng, bởi, bỏ, bốn); here a word is marked only when it equals
 * a word of the query once accents are folded away, the query's words in a row are preferred to the same words apart,
 * and words written with the accents typed are preferred to the others.
 * @param {string} text plain text (see excerptText)
 * @param {string} query what the reader typed
 */
export function markQuery(text, query) {
	const terms = (query.normalize('NFC').match(WORD) ?? []).map((q) => ({
		exact: q.toLowerCase(),
		folded: foldWord(q)
	}));
	const words = [...text.matchAll(WORD)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length,
		exact: m[0].normalize('NFC').toLowerCase(),
		folded: foldWord(m[0])
	}));
	/** Word i has the accents typed in query word t (any word does when t was typed without). @param {number} i @param {number} t */
	const exact = (i, t) => terms[t].exact === terms[t].folded || words[i].exact === terms[t].exact;
	/** @type {Set<number>} */
	const marked = new Set();

	// The query as a phrase: its words in a row, apart only by spaces, dashes or slashes.
	/** @type {number[]} */
	let phrases = [];
	if (terms.length > 1) {
		for (let i = 0; i + terms.length <= words.length; i++) {
			const inRow = terms.every(
				(term, t) =>
					words[i + t].folded === term.folded &&
					(t === 0 || /^[\s\u2012-\u2015/-]+$/.test(text.slice(words[i + t - 1].end, words[i + t].start)))
			);
			if (inRow) phrases.push(i);
		}
		const typed = phrases.filter((i) => terms.every((_, t) => exact(i + t, t)));
		if (typed.length) phrases = typed;
	}
	for (const i of phrases) terms.forEach((_, t) => marked.add(i + t));

	// Otherwise each word of the query on its own.
	if (!marked.size) {
		terms.forEach((term, t) => {
			const same = words.flatMap((w, i) => (w.folded === term.folded ? [i] : []));
			const typed = same.filter((i) => exact(i, t));
			for (const i of typed.length ? typed : same) marked.add(i);
		});
	}

	let html = '';
	let at = 0;
	words.forEach((w, i) => {
		if (!marked.has(i)) return;
		html += `${escapeHtml(text.slice(at, w.start))}<mark>${escapeHtml(text.slice(w.start, w.end))}</mark>`;
		at = w.end;
	});
	return html + escapeHtml(text.slice(at));
}

/**
 * A Pagefind excerpt as the search page shows it: plain text as the page reads (twins dropped, joined words written
 * back), with the words of the query marked. Only <mark> is markup; everything else is escaped text.
 * @param {string} excerpt Pagefind excerpt HTML
 * @param {string} query what the reader typed
 */
export function renderExcerpt(excerpt, query) {
	return markQuery(joinDashes(dropTwins(excerptText(excerpt))), query);
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
	// Twins are words of the index, about 6 % of them in the corpus: 32 indexed words show about Pagefind's usual 30.
	await pagefind.options({ baseUrl: base + '/', excerptLength: 32 });
	const search = await pagefind.search(indexQuery(query), category ? { filters: { category } } : {});
	const shown = await Promise.all(search.results.slice(0, PER_PAGE).map((/** @type {any} */ r) => r.data()));
	status.textContent = shown.length
		? `${search.results.length} kết quả cho “${query}”${category ? ` trong chủ đề ${category}` : ''}.`
		: `Không tìm thấy kết quả cho “${query}”${category ? ` trong chủ đề ${category}` : ''}.`;
	list.innerHTML = shown
		.map((r) => {
			const show = (/** @type {string} */ ex) => renderExcerpt(ex, query);
			const subs = (r.sub_results ?? [])
				.filter((/** @type {any} */ s) => s.url.includes('#'))
				.slice(0, 3)
				.map(
					(/** @type {any} */ s) =>
						`<li><a href="${escapeHtml(s.url)}">${escapeHtml(joinDashes(dropTwins(s.title)))}</a><p>${show(s.excerpt)}</p></li>`
				)
				.join('');
			return `<li class="search-result"><h2><a href="${escapeHtml(r.url)}">${escapeHtml(r.meta.title ?? '')}</a></h2><p>${show(r.excerpt)}</p>${subs ? `<ul class="search-subresults">${subs}</ul>` : ''}</li>`;
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
