/**
 * The copy of a page that Pagefind indexes, rewritten so that its excerpts read as the page does. Pagefind joins the
 * text of an element to the next one unless the element is one of its few "sentence" blocks (p, li, td, div…), keeps a
 * dash inside a word, and reads every text node: header cells ran into each other ("Kịch bảnĐộ trễ"), `O(N<sup>2</sup>)`
 * read "O(N2)", and "Ricart–Agrawala" was found by neither name. The page the reader gets is not changed.
 */
import { separateDashes } from './ui.js';

/** One piece of an HTML string: a tag, a run of text, or anything kept as it is (comments, doctype, script bodies). */
export type HtmlToken =
	| { kind: 'tag'; raw: string; name: string; closing: boolean }
	| { kind: 'text'; raw: string }
	| { kind: 'other'; raw: string };

// A start or end tag with its attributes; quoted values may hold `>` and `<`. An attribute name never holds `<`, so a
// `<` that starts no tag is given up at the next `<` rather than at the end of the page.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/y;
const TEXT = /[^<]+|</y;
/** Elements whose content is not markup, and how each one's content ends. */
const RAW_TEXT = new Map([
	['script', /<\/script/gi],
	['style', /<\/style/gi],
	['textarea', /<\/textarea/gi],
	['title', /<\/title/gi]
]);

/**
 * The end of a comment, doctype or processing instruction that starts at `at`, or -1 when none starts there. As in a
 * browser, `<!-->` is an empty comment and one that is never closed runs to the end; found with indexOf, so that each
 * piece is read once (a pattern that gave up on an unclosed `<!--` read the rest of the page again at every `<!--`).
 */
function otherEnd(html: string, at: number): number {
	if (html.startsWith('<!--', at)) {
		if (html.startsWith('>', at + 4)) return at + 5;
		if (html.startsWith('->', at + 4)) return at + 6;
		const close = html.indexOf('-->', at + 4);
		return close < 0 ? html.length : close + 3;
	}
	if (html.startsWith('<!', at) || html.startsWith('<?', at)) {
		const close = html.indexOf('>', at + 2);
		return close < 0 ? html.length : close + 1;
	}
	return -1;
}

/** Splits HTML into tags, text and the rest; joining the `raw` of every token gives the input back. */
export function tokenizeHtml(html: string): HtmlToken[] {
	const tokens: HtmlToken[] = [];
	let at = 0;
	const sticky = (re: RegExp) => {
		re.lastIndex = at;
		return re.exec(html);
	};
	while (at < html.length) {
		const otherTo = html[at] === '<' ? otherEnd(html, at) : -1;
		const tag = html[at] === '<' && otherTo < 0 ? sticky(TAG) : null;
		if (otherTo >= 0) tokens.push({ kind: 'other', raw: html.slice(at, otherTo) });
		else if (tag) {
			const name = tag[2].toLowerCase();
			tokens.push({ kind: 'tag', raw: tag[0], name, closing: tag[1] === '/' });
			const end = tag[1] ? undefined : RAW_TEXT.get(name);
			if (end) {
				// Everything up to the end tag is one piece, whatever it holds.
				end.lastIndex = at + tag[0].length;
				const stop = end.exec(html)?.index ?? html.length;
				if (stop > at + tag[0].length) tokens.push({ kind: 'other', raw: html.slice(at + tag[0].length, stop) });
				at = stop;
				continue;
			}
		} else tokens.push({ kind: 'text', raw: sticky(TEXT)![0] });
		at += tokens[tokens.length - 1].raw.length;
	}
	return tokens;
}

/**
 * Block elements that are not among Pagefind's sentence blocks (h1–h6, p, td, div, ul, li, article, section): their
 * text would run into the text beside them.
 */
const BLOCKS = new Set(
	'address aside blockquote caption dd details dl dt fieldset figcaption figure footer header hr legend main nav ol pre summary table tbody tfoot thead tr'.split(
		' '
	)
);

/** The superscript as Pagefind should read it: `2` → `^2`, `n+1` → `^(n+1)`, as TeX would write it. */
function superscript(tokens: HtmlToken[], from: number): { open: string; close: string } | null {
	let text = '';
	for (let i = from + 1; i < tokens.length; i++) {
		const t = tokens[i];
		if (t.kind === 'tag' && t.name === 'sup' && t.closing) {
			const content = text.replace(/&[^&;\s]*;/g, '_').trim();
			if (!content) return null;
			return [...content].length === 1 || /^[\p{L}\p{N}]+$/u.test(content)
				? { open: '^', close: '' }
				: { open: '^(', close: ')' };
		}
		// A superscript link is a footnote call ("¹" linking to its note): a number, not a power.
		if (t.kind === 'tag' && (t.name === 'a' || t.name === 'sup')) return null;
		if (t.kind === 'text') text += t.raw;
	}
	return null;
}

/** One MathML element, or a run of its text (raw, as the page escapes it). */
type MathNode = { name: string; children: MathNode[] } | string;

/**
 * How deep a MathML tree is read: KaTeX nests a few levels per construct, so real formulas stay far below it; a page
 * that nests deeper is read flat there, instead of recursing until the stack runs out.
 */
const MATH_DEPTH = 64;

/** MathML tokens (from `<math>` to its `</math>`) as a tree; KaTeX writes it well formed. */
function mathTree(tokens: HtmlToken[]): MathNode {
	const root = { name: '#root', children: [] as MathNode[] };
	const stack = [root];
	for (const t of tokens) {
		const top = stack[stack.length - 1];
		if (t.kind === 'text') top.children.push(t.raw);
		else if (t.kind !== 'tag') continue;
		else if (t.closing) {
			// The stack is at most MATH_DEPTH deep, so this look-up is bounded whatever the page holds.
			const at = stack.findLastIndex((n) => n.name === t.name);
			if (at > 0) stack.length = at;
		} else {
			const node = { name: t.name, children: [] as MathNode[] };
			top.children.push(node);
			if (!t.raw.endsWith('/>') && t.name !== 'mspace' && stack.length < MATH_DEPTH) stack.push(node);
		}
	}
	return root;
}

/** Operators read with a space on each side: `n = 2`, `a + b`, `x ≤ y`. */
const SPACED_OPERATORS = new Set(
	'= + − - × ÷ ± ∓ · ⋅ ∗ ≤ ≥ ≠ ≈ ≡ ∼ ≃ ≅ → ← ↔ ⇒ ⇐ ⇔ ↦ ∈ ∉ ⊂ ⊃ ⊆ ⊇ ∪ ∩ ∧ ∨ ∣ := &lt; &gt; &lt;= &gt;='.split(' ')
);
/** Accents KaTeX writes over a letter (`\tilde u`, and ũ in `\text{cũ}`), as combining marks: `u` + `˜` → `ũ`. */
const ACCENTS: Record<string, string> = {
	'˜': '\u0303',
	'~': '\u0303',
	'^': '\u0302',
	ˆ: '\u0302',
	ˉ: '\u0304',
	'¯': '\u0304',
	'´': '\u0301',
	ˊ: '\u0301',
	'`': '\u0300',
	ˋ: '\u0300',
	'˙': '\u0307',
	'¨': '\u0308',
	'˘': '\u0306',
	ˇ: '\u030c',
	'˚': '\u030a'
};

/** A script or a fraction's part as TeX would group it: `2` and `mới` as they are, `n + 1` as `(n + 1)`. */
function group(text: string): string {
	const t = text.trim();
	const plain = t.replace(/&[^&;\s]*;/g, '_');
	return [...plain].length <= 1 || /^[\p{L}\p{M}\p{N}]+$/u.test(plain) ? t : `(${t})`;
}

/** The text of a MathML tree as a reader would write it in plain words: `T_mới = (T_cũ + 1)/2`, `log n`, `x^2`. */
function mathText(node: MathNode): string {
	if (typeof node === 'string') return node;
	const [a, b, c] = node.children.filter((n) => typeof n !== 'string' || n.trim() !== '');
	const all = () => node.children.map(mathText).join('');
	switch (node.name) {
		case 'annotation':
		case 'annotation-xml':
		case 'mphantom':
			return '';
		case 'mspace':
			return ' ';
		case 'mo': {
			const op = all().trim();
			if (op === '\u2061') return ' '; // function application: `log n`
			if (op === '\u2062' || op === '\u2063') return '';
			if (op === ',' || op === ';') return `${op} `;
			return SPACED_OPERATORS.has(op) ? ` ${op} ` : op;
		}
		// A space after a script, so that what follows is not read as part of it: `∑_(i = 1)^n a_i`.
		case 'msup':
			return `${mathText(a)}^${group(mathText(b))} `;
		case 'msub':
		case 'munder':
			return `${mathText(a)}_${group(mathText(b))} `;
		case 'msubsup':
		case 'munderover':
			return `${mathText(a)}_${group(mathText(b))}^${group(mathText(c))} `;
		case 'mi': {
			// A name of more than one letter (`\log`, `\lim`, `\max`) is a word of its own.
			const name = all();
			return [...name.trim()].length > 1 ? ` ${name} ` : name;
		}
		case 'mover': {
			const over = mathText(b).trim();
			const base = mathText(a);
			if (ACCENTS[over]) return base + ACCENTS[over];
			// \overline, \vec and other decorations: the letter alone.
			return /^[\p{L}\p{N}]/u.test(over) ? `${base}^${group(over)}` : base;
		}
		case 'mfrac':
			return `${group(mathText(a))}/${group(mathText(b))}`;
		case 'msqrt':
			return `√${group(all())}`;
		case 'mroot':
			return `${group(mathText(b))}√${group(mathText(a))}`;
		case 'mtable':
			return node.children.map(mathText).join('; ');
		case 'mtr':
			return node.children.map(mathText).join(' ');
		default:
			return all();
	}
}

/** KaTeX's MathML (the tokens of one `<math>` element) in plain words, spaces made even (see mathText). */
export function readableMath(tokens: HtmlToken[]): string {
	return mathText(mathTree(tokens))
		.normalize('NFC')
		.replace(/\(\s+/g, '(')
		.replace(/(?<!\s)\s+([,;_^])/g, '$1')
		.replace(/(?<!\s)\s+\)/g, ')')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * The page as Pagefind should read it: header cells read like data cells, other blocks are set apart by spaces,
 * superscripts get a `^`, dashes that join words are set apart (see separateDashes), and KaTeX math is its MathML
 * in plain words (readableMath; its visual copy is left out by the index's exclude selectors). Attributes, and so
 * titles, categories and metadata, are untouched.
 */
export function readableHtml(html: string): string {
	const tokens = tokenizeHtml(html);
	const out: string[] = [];
	const closers: string[] = [];
	let mathEnd = -1;
	tokens.forEach((t, i) => {
		if (i <= mathEnd) return;
		if (t.kind === 'tag' && t.name === 'math' && !t.closing) {
			let end = i + 1;
			while (end < tokens.length && !(tokens[end].kind === 'tag' && (tokens[end] as { name: string }).name === 'math'))
				end++;
			mathEnd = end;
			out.push(readableMath(tokens.slice(i + 1, end)));
		} else if (t.kind === 'text') out.push(separateDashes(t.raw));
		else if (t.kind !== 'tag') out.push(t.raw);
		else if (t.name === 'th') out.push(t.raw.replace(/^(<\/?)th/i, '$1td'));
		else if (BLOCKS.has(t.name)) out.push(` ${t.raw} `);
		else if (t.name === 'sup' && !t.closing) {
			const sup = superscript(tokens, i);
			out.push(t.raw + (sup?.open ?? ''));
			closers.push(sup?.close ?? '');
		} else if (t.name === 'sup') out.push((closers.pop() ?? '') + t.raw);
		else out.push(t.raw);
	});
	return out.join('');
}
