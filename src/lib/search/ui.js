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
 * @param {string} [title] the post's title, dropped from the excerpt's start (see dropTitle)
 */
export function renderExcerpt(excerpt, query, title = '') {
	const text = joinDashes(dropTwins(excerptText(excerpt)));
	return markQuery(title ? dropTitle(text, title) : text, query);
}

/**
 * The words of `text` with where each starts and ends, as typed (NFC, lower case) and folded. @param {string} text
 */
const wordsOf = (text) =>
	[...text.matchAll(WORD)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length,
		exact: m[0].normalize('NFC').toLowerCase(),
		folded: foldWord(m[0])
	}));

/** What may stand between two words of a phrase: spaces, dashes, slashes. */
const IN_ROW = /^[\s\u2012-\u2015/-]+$/;

/**
 * How the text holds the query as a phrase, its words in a row and in order: 2 as typed (accents included, when the
 * query has them), 1 once accents are folded away ("dong bo" in "đồng bộ"), 0 when its words are only apart, or the
 * query is a single word. Vietnamese words are often two syllables, so a page with them in a row is about the word.
 * @param {string} text plain text of a page, as the page reads (see renderExcerpt)
 * @param {string} query what the reader typed
 */
export function phraseScore(text, query) {
	const terms = wordsOf(query.normalize('NFC'));
	if (terms.length < 2) return 0;
	const words = wordsOf(text);
	let best = 0;
	for (let i = 0; i + terms.length <= words.length && best < 2; i++) {
		if (words[i].folded !== terms[0].folded) continue;
		const inRow = terms.every(
			(term, t) =>
				words[i + t].folded === term.folded &&
				(t === 0 || IN_ROW.test(text.slice(words[i + t - 1].end, words[i + t].start)))
		);
		if (!inRow) continue;
		const typed = terms.every((term, t) => term.exact === term.folded || words[i + t].exact === term.exact);
		best = Math.max(best, typed ? 2 : 1);
	}
	return best;
}

/**
 * Results in the order to show: those holding the query as a phrase first (see phraseScore), and otherwise in the
 * order they came in (Pagefind's, which has no notion of a phrase).
 * @template T
 * @param {T[]} results in Pagefind's order
 * @param {(result: T) => string} textOf the page's plain text
 * @param {string} query what the reader typed
 * @returns {T[]}
 */
export function rankByPhrase(results, textOf, query) {
	return results
		.map((result, at) => ({ result, at, score: phraseScore(textOf(result), query) }))
		.sort((a, b) => b.score - a.score || a.at - b.at)
		.map((r) => r.result);
}

/** How long typing must pause before the page searches, in ms. */
export const TYPING_PAUSE = 200;

/**
 * What the search page does after an event: search now (Enter, a filter changed, the page opened), once typing has
 * paused (`delay`), or not at all when the search asked for is the one shown (a key that changes nothing, such as an
 * arrow or a trailing space).
 * @param {{ query: string, category: string }} next what the form asks for
 * @param {{ query: string, category: string } | null} shown what the page shows, null before the first search
 * @param {'load' | 'input' | 'change' | 'submit'} cause
 * @returns {{ run: boolean, delay: number }}
 */
export function searchPlan(next, shown, cause) {
	const same = shown !== null && indexQuery(next.query) === indexQuery(shown.query) && next.category === shown.category;
	if (same && cause !== 'submit') return { run: false, delay: 0 };
	return { run: true, delay: cause === 'input' ? TYPING_PAUSE : 0 };
}

/**
 * The address of a search, to share or to come back to: `?q=` and `?category=` set, or dropped when empty.
 * @param {string} href the page's address
 * @param {string} query
 * @param {string} category
 */
export function searchUrl(href, query, category) {
	const url = new URL(href);
	const q = query.trim();
	if (q) url.searchParams.set('q', q);
	else url.searchParams.delete('q');
	if (category) url.searchParams.set('category', category);
	else url.searchParams.delete('category');
	return url.href;
}

/**
 * An excerpt without the post's title at its start. The index reads the title (it ranks pages), so an excerpt taken
 * from a page's first words began with the title, or with its last words ("và đồng bộ. Bài này…"), under the same
 * title shown as the result's heading.
 * @param {string} text plain text (see excerptText)
 * @param {string} title the post's title
 */
export function dropTitle(text, title) {
	const lead = /^[\s…]*/.exec(text)?.[0] ?? '';
	const body = text.slice(lead.length);
	const heading = title.normalize('NFC').trim();
	const words = wordsOf(heading);
	for (const [i, w] of words.entries()) {
		const tail = heading.slice(w.start);
		if (!body.normalize('NFC').startsWith(tail)) continue;
		const rest = body.normalize('NFC').slice(tail.length);
		// The title ends where a word does not go on; its last word alone ("bộ nhớ") must end a sentence, as the
		// index ends a heading's, since text may start with it by chance.
		if (/^[\p{L}\p{M}\p{N}]/u.test(rest) || (i === words.length - 1 && !/^\s*[.:!?]/.test(rest))) continue;
		return rest.replace(/^[\s.:!?·]+/, '');
	}
	return text;
}

const PER_PAGE = 10;
/** Results whose text is read to find the query as a phrase (rankByPhrase): Pagefind's first ones. */
const RERANKED = 30;
const PROMPT = 'Nhập từ khóa, có dấu hoặc không dấu, ví dụ: dinh danh.';

/** @type {Promise<any> | null} */
let loading = null;

/** Pagefind, loaded once, at the first search. @param {string} bundle @param {string} base */
function loadPagefind(bundle, base) {
	loading ??= import(bundle).then(async (pagefind) => {
		// Twins are words of the index, about 6 % of them in the corpus: 32 indexed words show about Pagefind's usual 30.
		await pagefind.options({ baseUrl: base + '/', excerptLength: 32 });
		return pagefind;
	});
	return loading;
}

function start() {
	const script = /** @type {HTMLScriptElement} */ (document.querySelector('script[data-bundle]'));
	const bundle = script.dataset.bundle ?? '/pagefind/pagefind.js';
	const base = script.dataset.base ?? '';
	const list = /** @type {HTMLOListElement} */ (document.querySelector('[data-search-results]'));
	const status = /** @type {HTMLElement} */ (document.querySelector('[data-search-status]'));
	const input = /** @type {HTMLInputElement} */ (document.querySelector('#search-query'));
	const select = /** @type {HTMLSelectElement | null} */ (document.querySelector('#search-category'));
	const params = new URLSearchParams(location.search);
	input.value = (params.get('q') ?? '').trim();
	if (select) select.value = params.get('category') ?? '';

	/** @type {{ query: string, category: string } | null} */
	let shown = null;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	// Each search has a number; an answer that comes after a newer search began is dropped.
	let latest = 0;

	/** @param {unknown} error */
	const fail = (error) => {
		status.textContent = 'Không tải được bộ tìm kiếm. Hãy thử lại sau.';
		console.error(error);
	};

	/** @param {{ query: string, category: string }} next */
	async function run(next) {
		const id = ++latest;
		shown = next;
		const { query, category } = next;
		history.replaceState(history.state, '', searchUrl(location.href, query, category));
		if (!query) {
			status.textContent = PROMPT;
			list.innerHTML = '';
			return;
		}
		status.textContent = 'Đang tìm…';
		const pagefind = await loadPagefind(bundle, base);
		const search = await pagefind.search(indexQuery(query), category ? { filters: { category } } : {});
		const several = (query.match(WORD) ?? []).length > 1;
		const read = await Promise.all(
			search.results.slice(0, several ? RERANKED : PER_PAGE).map((/** @type {any} */ r) => r.data())
		);
		if (id !== latest) return;
		const text = (/** @type {any} */ r) => joinDashes(dropTwins(r.content ?? ''));
		const results = (several ? rankByPhrase(read, text, query) : read).slice(0, PER_PAGE);
		const where = category ? ` trong chủ đề ${category}` : '';
		status.textContent = results.length
			? `${search.results.length} kết quả cho “${query}”${where}.`
			: `Không tìm thấy kết quả cho “${query}”${where}.`;
		list.innerHTML = results
			.map((r) => {
				const title = r.meta.title ?? '';
				const show = (/** @type {string} */ ex) => renderExcerpt(ex, query, title);
				const subs = (r.sub_results ?? [])
					.filter((/** @type {any} */ s) => s.url.includes('#'))
					.slice(0, 3)
					.map(
						(/** @type {any} */ s) =>
							`<li><a href="${escapeHtml(s.url)}">${escapeHtml(joinDashes(dropTwins(s.title)))}</a><p>${show(s.excerpt)}</p></li>`
					)
					.join('');
				return `<li class="search-result"><h2><a href="${escapeHtml(r.url)}">${escapeHtml(title)}</a></h2><p>${show(r.excerpt)}</p>${subs ? `<ul class="search-subresults">${subs}</ul>` : ''}</li>`;
			})
			.join('');
	}

	/** Searches now, after a pause in typing, or not at all (searchPlan). @param {'load' | 'input' | 'change' | 'submit'} cause */
	const plan = (cause) => {
		const next = { query: input.value.trim(), category: select?.value ?? '' };
		const { run: go, delay } = searchPlan(next, shown, cause);
		// A pause not yet over was for words since changed, or changed back to what is shown.
		clearTimeout(timer);
		if (!go) return;
		timer = setTimeout(() => run(next).catch(fail), delay);
	};

	input.addEventListener('input', () => plan('input'));
	select?.addEventListener('change', () => plan('change'));
	// Enter searches at once, in the page: the form's address is only for readers without JavaScript.
	input.form?.addEventListener('submit', (event) => {
		event.preventDefault();
		plan('submit');
	});
	plan('load');
}

if (typeof document !== 'undefined') {
	start();
}
