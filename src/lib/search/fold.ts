/**
 * Accent folding for search. Pagefind already ignores tone marks ("tien trinh" finds "tiến trình") but keeps `đ`, which
 * Unicode does not decompose, so "dinh danh" would miss "Định danh". In the copy of a page the index reads, each word
 * with đ/Đ is therefore followed by its twin with d/D (`Định ⁣Dịnh danh`), marked so that the search page can drop
 * twins from excerpts. Attributes are untouched, so titles, categories and metadata stay exact.
 */

// The search page drops twins with the same marker, so it lives in the one file both sides load.
import { tokenizeHtml } from './index-html.ts';
import { TWIN, foldD } from './ui.js';

export { foldD };

/**
 * A word: letters and their combining marks. Words are found whole and then tested for đ, since a pattern that looks for
 * the đ inside (`[\p{L}\p{M}]*[đĐ][\p{L}\p{M}]*`) scans the rest of the word again from each of its letters: an 83 KB
 * word without đ took 92 s.
 */
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * The page for the index: in text (code and math included), every word with đ followed by a space and its folded twin;
 * tags and attribute values as they are.
 */
export function twinHtmlText(html: string): string {
	return tokenizeHtml(html)
		.map((t) =>
			t.kind === 'text'
				? t.raw.replace(WORD, (w) => (w.includes('đ') || w.includes('Đ') ? `${w} ${TWIN}${foldD(w)}` : w))
				: t.raw
		)
		.join('');
}
