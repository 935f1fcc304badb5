/**
 * Accent folding for search. Pagefind already ignores tone marks ("tien trinh" finds "tiến trình") but keeps `đ`, which
 * Unicode does not decompose, so "dinh danh" would miss "Định danh". Each page is therefore indexed twice: as written,
 * and with đ/Đ turned into d/D in its text (attributes untouched, so titles, categories and metadata stay exact).
 */

// The search page writes folded excerpts back with the same rule, so it lives in the one file both sides load.
import { tokenizeHtml } from './index-html.ts';
import { foldD } from './ui.js';

export { foldD };

/**
 * The folded copy of a page for the index: text with đ folded, tags and attribute values as they are. Code blocks are
 * left out: they rarely hold đ, and the copy as written already indexes them. Math stays (the index reads only its TeX
 * source), so that an excerpt from this copy still shows the formula.
 */
export function foldHtmlText(html: string): string {
	return tokenizeHtml(html.replace(/<pre\b[\s\S]*?<\/pre>/g, ''))
		.map((t) => (t.kind === 'text' ? foldD(t.raw) : t.raw))
		.join('');
}

/** The distinct words of a text that contain đ or Đ, so the search page can show folded excerpts as written. */
export function dWords(text: string): string[] {
	return [...new Set(text.normalize('NFC').match(/[\p{L}\p{M}]*[đĐ][\p{L}\p{M}]*/gu) ?? [])];
}
