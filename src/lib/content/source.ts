/** Turns any text file into LF-only NFC text without a BOM, so line numbers match what editors show. */
export function normalizeSource(raw: string): string {
	return raw
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.normalize('NFC');
}

export interface SplitSource {
	/** YAML text between the fences, or null when the post has no frontmatter. */
	frontmatter: string | null;
	/** 1-based file line of the first YAML line. */
	frontmatterLine: number;
	/** 1-based file line of the opening fence (when there is one). */
	openLine: number;
	/** True when an opening `---` has no closing fence. */
	unclosed: boolean;
	/** The Markdown body, with the frontmatter replaced by blank lines so body line numbers stay file line numbers. */
	body: string;
}

const BLANK = /^[\s\u200b-\u200d\u2060]*$/;
const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Splits normalized text into frontmatter and body. Blank lines before the opening `---` are allowed. */
export function splitFrontmatter(text: string): SplitSource {
	const lines = text.split('\n');
	let i = 0;
	while (i < lines.length && BLANK.test(lines[i])) i++;
	if (i >= lines.length || !FENCE.test(lines[i].replace(/[\u00a0\u200b\ufeff]/g, ''))) {
		return { frontmatter: null, frontmatterLine: 0, openLine: 0, unclosed: false, body: text };
	}
	const open = i;
	let close = -1;
	for (let j = open + 1; j < lines.length; j++) {
		if (CLOSE.test(lines[j])) {
			close = j;
			break;
		}
	}
	if (close < 0) {
		return { frontmatter: null, frontmatterLine: open + 2, openLine: open + 1, unclosed: true, body: text };
	}
	const yaml = lines
		.slice(open + 1, close)
		.join('\n')
		// NBSP or zero-width characters pasted from the web make YAML fail for no visible reason.
		.replace(/\u00a0/g, ' ')
		.replace(/[\u200b\u2060\ufeff]/g, '');
	const body = lines.map((line, n) => (n <= close ? '' : line)).join('\n');
	return { frontmatter: yaml, frontmatterLine: open + 2, openLine: open + 1, unclosed: false, body };
}
