/**
 * Compares the pipeline's HTML for a piece of Markdown with a reference renderer's (micromark, and micromark + GFM),
 * both read as a browser would (hast-util-from-html) and reduced to what a reader sees: elements and text, without
 * attributes and without the site's own chrome (heading anchors, code-block frames, the footnote heading's wording).
 */
import type { ElementContent, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

/** Elements that start a new line in a browser, so whitespace at their edges is not shown (`h` is any heading). */
const BLOCK =
	/^(?:address|article|aside|blockquote|br|caption|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h|header|hr|legend|li|main|menu|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/;
/** Elements that show a box even when empty. */
const REPLACED = new Set(['audio', 'button', 'canvas', 'iframe', 'object', 'select', 'svg', 'textarea', 'video']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);
const escape = (s: string) =>
	s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/\u00a0/g, '&nbsp;');

/** The HTML as a reader sees it: elements without attributes, and text, one block per line (breaks added to both). */
export function normaliseHtml(html: string): string {
	let out = '';
	let space = false; // whitespace seen since the last visible character, written only if more text follows on the line
	let blank = true; // at the start of a line or just after a written space, where more whitespace shows nothing
	// Inline content; a pending space is written before the next visible thing or inline element.
	const write = (s: string, visible: boolean, opening = false) => {
		if ((visible || opening) && space && !blank) [out, blank] = [out + ' ', true];
		if (visible || opening) space = false;
		if (visible) blank = false;
		out += s;
	};
	// A block tag ends the line: whitespace pending before it is dropped.
	const block = (s: string) => {
		[space, blank] = [false, true];
		out += s;
	};
	const walk = (nodes: (RootContent | ElementContent)[], pre: boolean, footnotes: boolean) => {
		for (const node of nodes) {
			if (node.type === 'text') {
				// Inside <pre> text is kept as written.
				if (pre) write(escape(node.value), true);
				// Elsewhere a run of HTML whitespace shows as one space, and none at the start or end of a line.
				else
					node.value.split(/[ \t\n\f\r]+/).forEach((word, i) => {
						if (i > 0) space = true;
						if (word) write(escape(word), true);
					});
				continue;
			}
			// Comments and doctypes are invisible (Svelte drops the author's comments and adds its own markers).
			if (node.type !== 'element') continue;
			const classes = (node.properties.className as string[] | undefined) ?? [];
			// Our "#" link appended to every heading.
			if (node.tagName === 'a' && classes.includes('heading-anchor')) continue;
			// Our language label above a code block.
			if (node.tagName === 'span' && classes.includes('code-lang')) continue;
			// Our frame around a code block (only its <pre> counts), and Shiki's line and token spans inside <pre>.
			if ((node.tagName === 'div' && classes.includes('code-block')) || (pre && node.tagName === 'span')) {
				walk(node.children, pre, footnotes);
				continue;
			}
			// Heading levels are the site's choice (one h1 per page), so every level is just "h".
			const tag = /^h[1-6]$/.test(node.tagName) ? 'h' : node.tagName;
			const isBlock = BLOCK.test(tag);
			if (VOID.has(tag)) {
				if (isBlock) block(`<${tag}>\n`);
				// The one attribute kept: whether a task list's checkbox is ticked.
				else write(tag === 'input' && node.properties.checked ? '<input checked>' : `<${tag}>`, true);
				continue;
			}
			if (isBlock) block(`<${tag}>`);
			else write(`<${tag}>`, false, true);
			// The footnotes' heading is worded in the site's language ("Chú thích" for "Footnotes").
			if (tag === 'h' && footnotes) write('[footnotes]', true);
			else walk(node.children, pre || tag === 'pre', footnotes || (tag === 'section' && classes.includes('footnotes')));
			// CommonMark ends code with a newline after the last line; Shiki does not write it, a browser does not show it.
			if (tag === 'pre' && !classes.includes('shiki')) out = out.replace(/\n(<\/code>)?$/, '$1');
			if (isBlock) block(`</${tag}>\n`);
			// An inline element with nothing inside shows nothing (browsers reopen an unclosed <a> after its paragraph).
			else if (out.endsWith(`<${tag}>`) && !REPLACED.has(tag)) {
				out = out.slice(0, -tag.length - 2);
				// The space written before it is pending again (outside <pre>, only such a space ends `out`).
				if (!pre && out.endsWith(' ')) [out, space, blank] = [out.slice(0, -1), true, false];
			} else write(`</${tag}>`, false);
		}
	};
	walk(fromHtml(html, { fragment: true }).children, false, false);
	return out.trim();
}

/** micromark's HTML for the Markdown, raw HTML allowed, with GFM when asked. */
export function referenceHtml(markdown: string, options: { gfm?: boolean } = {}): string {
	return micromark(markdown, {
		allowDangerousHtml: true,
		extensions: options.gfm ? [gfm()] : [],
		htmlExtensions: options.gfm ? [gfmHtml()] : []
	});
}

/** Whether our HTML for `markdown` shows the same as the reference's; `expected`/`actual` are the normalised forms. */
export function compareWithReference(
	markdown: string,
	ours: string,
	options: { gfm?: boolean } = {}
): { same: boolean; expected: string; actual: string } {
	const expected = normaliseHtml(referenceHtml(markdown, options));
	const actual = normaliseHtml(ours);
	return { same: expected === actual, expected, actual };
}
