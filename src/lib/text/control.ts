/**
 * Characters that no reader of our output wants: XML 1.0 forbids C0 controls (except tab, LF and CR), lone
 * surrogates, U+FFFE and U+FFFF, so one of them in a title makes `rss.xml` unreadable for every feed reader; DEL and
 * the C1 controls are allowed by XML but are never text (a copy from a terminal or a PDF). Pure: no fs, no Svelte.
 */

/** Every character to remove from text: C0 but tab/LF/CR, DEL, C1, lone surrogates, U+FFFE/U+FFFF. */
export const CONTROL_CHARS =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Characters outside XML 1.0's `Char` production, exactly: what makes a strict XML parser stop. */
export const NOT_XML_CHAR =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `U+0007`, the way a message names an invisible character. */
export const codePointName = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The text without control characters, and the ones removed (each named once, in order of appearance). */
export function stripControl(text: string): { text: string; removed: string[] } {
	CONTROL_CHARS.lastIndex = 0;
	if (!CONTROL_CHARS.test(text)) return { text, removed: [] };
	const removed = new Set<string>();
	const clean = text.replace(CONTROL_CHARS, (ch) => {
		removed.add(codePointName(ch));
		return '';
	});
	return { text: clean, removed: [...removed] };
}

/** Like stripControl, for a value as YAML gave it: strings, and strings inside lists, are cleaned; the rest kept. */
export function stripControlDeep(value: unknown): { value: unknown; removed: string[] } {
	if (typeof value === 'string') {
		const { text, removed } = stripControl(value);
		return { value: text, removed };
	}
	if (Array.isArray(value)) {
		const removed = new Set<string>();
		const items = value.map((item) => {
			const cleaned = stripControlDeep(item);
			for (const r of cleaned.removed) removed.add(r);
			return cleaned.value;
		});
		return removed.size ? { value: items, removed: [...removed] } : { value, removed: [] };
	}
	return { value, removed: [] };
}

/** The first character outside XML 1.0's `Char`, with its 1-based line and column, or undefined when all are fine. */
export function firstNonXmlChar(text: string): { line: number; column: number; char: string } | undefined {
	NOT_XML_CHAR.lastIndex = 0;
	const m = NOT_XML_CHAR.exec(text);
	NOT_XML_CHAR.lastIndex = 0;
	if (!m) return undefined;
	const before = text.slice(0, m.index);
	const line = before.split('\n').length;
	return { line, column: m.index - before.lastIndexOf('\n'), char: codePointName(m[0]) };
}
