/**
 * ```` ```mermaid ```` blocks drawn at build time as inline SVG, with no script on the page: beautiful-mermaid (pure
 * JavaScript, no browser) lays out flowcharts and graphs (with subgraphs), sequence, class, state and ER diagrams and
 * XY charts. Its colours are CSS variables, which the site's stylesheet maps to its light and dark colours. A block the
 * renderer refuses (another kind of diagram, a header it does not know) or finds nothing to draw in stays a code
 * block, with a warning naming its line. The SVG then goes through the page sanitiser like everything else.
 */
import type { Code, Html, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { renderMermaidSVG } from 'beautiful-mermaid';
import type { Note } from './trust.ts';

const KINDS: [RegExp, string][] = [
	[/^(flowchart|graph)\b/, 'lưu đồ'],
	[/^sequenceDiagram\b/, 'sơ đồ tuần tự'],
	[/^classDiagram\b/, 'sơ đồ lớp'],
	[/^stateDiagram(-v2)?\b/, 'sơ đồ trạng thái'],
	[/^erDiagram\b/, 'sơ đồ thực thể – liên kết'],
	[/^xychart(-beta)?\b/, 'biểu đồ']
];

const decode = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
const escapeAttr = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/*
 * The renderer's SVG is read with indexOf and with patterns kept inside one tag: a pattern such as
 * `<svg\b[^>]*?\swidth="…"` or `<g …>[\s\S]*?<\/g>` reads on to the end again from every `<svg` or `<g` when what it
 * seeks is not there, which is quadratic in the size of the drawing (issue 21). The renderer escapes `<` and `>` in
 * attributes and text, so a tag ends at the first `>` and holds no `<`.
 */

/** Each `<svg …`, `<text …` and `<rect …` tag, up to (not including) its `>`. */
const TAGS = { svg: /<svg\b[^<>]*/g, text: /<text\b[^<>]*/g, rect: /<rect\b[^<>]*/g };

/**
 * `edit` applied to every tag of that name, or with `once` to the first one it edits; `edit` returns undefined for a
 * tag it leaves as it is.
 */
function editTags(svg: string, name: keyof typeof TAGS, edit: (tag: string) => string | undefined, once = false) {
	let done = false;
	return svg.replace(TAGS[name], (tag) => {
		const edited = done ? undefined : edit(tag);
		if (edited === undefined) return tag;
		done = once;
		return edited;
	});
}

/** What `pattern` finds in the first tag of that name where it finds anything. */
function inFirstTag(svg: string, name: keyof typeof TAGS, pattern: RegExp): RegExpExecArray | undefined {
	for (const [tag] of svg.matchAll(TAGS[name])) {
		const found = pattern.exec(tag);
		if (found) return found;
	}
	return undefined;
}

/**
 * The values of attributes found in this order in a tag (each pattern `\sname="(value)"` searched after the one
 * before), with where each value is; undefined unless all are there.
 */
function valuesInOrder(tag: string, patterns: RegExp[]): { value: string; start: number; end: number }[] | undefined {
	const values = [];
	let at = 0;
	for (const pattern of patterns) {
		const m = pattern.exec(tag.slice(at));
		if (!m) return undefined;
		const start = at + m.index + m[0].indexOf('"') + 1;
		values.push({ value: m[1], start, end: start + m[1].length });
		at += m.index + m[0].length;
	}
	return values;
}

/**
 * Each span from `open` to the first `close` after it, replaced by what `by` returns for it (as a global
 * `open[\s\S]*?close` pattern would find them), with regex searches for the two ends: when no `close` follows an
 * `open`, none follows any later one either, so the search stops.
 */
function replaceSpans(text: string, open: RegExp, close: RegExp, by: (span: string) => string): string {
	let out = '';
	let at = 0;
	open.lastIndex = 0;
	for (let start = open.exec(text); start; start = open.exec(text)) {
		close.lastIndex = start.index + start[0].length;
		const end = close.exec(text);
		if (!end) break;
		const stop = end.index + end[0].length;
		out += text.slice(at, start.index) + by(text.slice(start.index, stop));
		at = open.lastIndex = stop;
	}
	return out + text.slice(at);
}

/** The first line that is not a comment or a directive: the diagram's header. */
const headerOf = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.find((l) => l && !l.startsWith('%%') && l !== '---') ?? '';

/** A label for readers of assistive technology: the kind of diagram and the words it shows. */
function labelOf(kind: string, svg: string): string {
	const words = [...new Set([...svg.matchAll(/<text\b[^<>]*>([^<]+)<\/text>/g)].map((m) => decode(m[1]).trim()))]
		.filter(Boolean)
		.join(', ');
	const label = `${kind[0].toUpperCase()}${kind.slice(1)}${words ? `: ${words}` : ''}`;
	return label.length > 300 ? `${label.slice(0, 299)}…` : label;
}

/** The smallest label a reader gets, in CSS pixels at the column width (the issue asks for 13 px on a phone). */
export const MIN_LABEL_PX = 13;

/**
 * A diagram never shrinks below its drawn size, where every label is at least 13 px: one wider than the column (a
 * sequence of five participants on a phone) scrolls sideways in its figure instead. Up to 1600 px, the widest
 * `min-width` the sanitiser keeps; a wider one shrinks with the column.
 */
function minWidth(svg: string): string {
	const width = Math.ceil(Number(inFirstTag(svg, 'svg', /\swidth="([\d.]+)"/)?.[1]));
	return width > 0 && width <= 1600 ? ` style="min-width:${width}px"` : '';
}

/**
 * About how wide a label is in the site's face (Be Vietnam Pro, wider than the Inter the renderer measures with), in
 * em: generous, so that a box made to fit it is never narrower than its text.
 */
export function textWidthEm(text: string): number {
	let em = 0;
	for (const c of text.normalize('NFC')) {
		if (c === ' ') em += 0.3;
		else if (/[iljtfr.,:;'|!()[\]ìíỉĩịĨÌÍỈỊ]/.test(c)) em += 0.36;
		else if (/[A-ZĐÀ-Ỹ0-9mwMW]/u.test(c) && c === c.toUpperCase()) em += 0.74;
		else em += 0.6;
	}
	return em;
}

const num = (s: string) => Number(s);
const fmt = (n: number) => String(Math.round(n * 1000) / 1000);
const [X, WIDTH, FONT_SIZE] = [/\sx="([\d.-]+)"/, /\swidth="([\d.]+)"/, /\sfont-size="([\d.]+)"/];

/**
 * Labels made legible: every label at least 13 px, secondary text in the site's secondary colour (the renderer's
 * muted and faint greys are below 4.5:1 on white), and the boxes of notes and edge labels widened to their text.
 * Returns the SVG and how far its content now reaches left and right of the drawing's box.
 */
function legible(svg: string): { svg: string; left: number; right: number } {
	let left = 0;
	let right = 0;
	svg = editTags(svg, 'text', (tag) =>
		tag.replace(/(\sfont-size=")([\d.]+)(")/, (m, a: string, size: string, b: string) =>
			num(size) < MIN_LABEL_PX ? `${a}${MIN_LABEL_PX}${b}` : m
		)
	);
	svg = editTags(svg, 'text', (tag) =>
		tag.replace(/(\sfill=")var\(--_text-(?:muted|faint)\)(")/, '$1var(--_text-sec)$2')
	);
	// A box (note, edge label) as wide as its text at its size, plus 10 px each side, widened about its text's x.
	const fit = (group: string) => {
		// The first <text> with an x and, after it, a font-size.
		const text = [...group.matchAll(/<text\b([^<>]*)>([^<]*)<\/text>/g)]
			.map((m) => ({ at: valuesInOrder(m[1], [X, FONT_SIZE]), words: m[2] }))
			.find((t) => t.at);
		if (!text?.at) return group;
		const [cx, size, words] = [num(text.at[0].value), num(text.at[1].value), decode(text.words)];
		const xs = [...group.matchAll(/points="([^"]*)"|<rect\b[^<>]*/g)].flatMap((m) => {
			if (m[1])
				return m[1]
					.trim()
					.split(/\s+/)
					.map((p) => num(p.split(',')[0]));
			if (m[1] === '') return [NaN, NaN]; // an empty points list, read as before
			const rect = valuesInOrder(m[0], [X, WIDTH]);
			return rect ? [num(rect[0].value), num(rect[0].value) + num(rect[1].value)] : [];
		});
		if (!xs.length) return group;
		const [min, max] = [Math.min(...xs), Math.max(...xs)];
		const grow = textWidthEm(words) * size + 20 - (max - min);
		if (grow <= 0) return group;
		const half = grow / 2;
		const move = (x: number) => (x < cx ? x - half : x + half);
		left = Math.max(left, -(min - half));
		right = Math.max(right, max + half);
		return group
			.replace(/points="([^"]*)"/g, (_, pts: string) => {
				const moved = pts
					.trim()
					.split(/\s+/)
					.map((p) => {
						const [x, y] = p.split(',');
						return `${fmt(move(num(x)))},${y}`;
					});
				return `points="${moved.join(' ')}"`;
			})
			.replace(TAGS.rect, (tag) => {
				const rect = valuesInOrder(tag, [X, WIDTH]);
				if (!rect) return tag;
				const [x, w] = rect;
				return (
					tag.slice(0, x.start) +
					fmt(num(x.value) - half) +
					tag.slice(x.end, w.start) +
					fmt(num(w.value) + grow) +
					tag.slice(w.end)
				);
			});
	};
	svg = replaceSpans(svg, /<g class="(?:note|edge-label)"/g, /<\/g>/g, fit);
	return { svg, left, right };
}

/** Widens the drawing's box (viewBox and width) so that content moved past its edges stays inside it. */
function widen(svg: string, reach: { left: number; right: number }): string {
	const box = inFirstTag(svg, 'svg', /\sviewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/);
	if (!box) return svg;
	const [x, y, w, h] = box.slice(1).map(num);
	const extraLeft = Math.max(0, reach.left > 0 ? reach.left + 8 - x : 0);
	const extraRight = Math.max(0, reach.right + 8 - (x + w));
	if (!extraLeft && !extraRight) return svg;
	const width = w + extraLeft + extraRight;
	const viewBox = `$1${fmt(x - extraLeft)} ${fmt(y)} ${fmt(width)} ${fmt(h)}"`;
	svg = editTags(
		svg,
		'svg',
		(tag) => (/\sviewBox="/.test(tag) ? tag.replace(/(\sviewBox=")[^"]*"/, viewBox) : undefined),
		true
	);
	return editTags(
		svg,
		'svg',
		(tag) => (/\swidth="[\d.]+"/.test(tag) ? tag.replace(/(\swidth=")[\d.]+"/, `$1${fmt(width)}"`) : undefined),
		true
	);
}

const ARROW = /<?(?:-{2,}|={2,}|-\.+-)(?:[>xo]|-)?|--\s[^-]*?\s-->/;

/** Brackets of a flowchart line that do not close, outside quotes and `|edge labels|`, or undefined. */
function unbalanced(line: string): string | undefined {
	const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
	const stack: string[] = [];
	const bare = line.replace(/"[^"]*"/g, '""').replace(/\|[^|]*\|/g, '||');
	for (const c of bare) {
		if (pairs[c]) stack.push(pairs[c]);
		else if (c === ')' || c === ']' || c === '}') {
			if (stack.pop() !== c) return c;
		}
	}
	return stack.length ? (stack[0] === ')' ? '(' : stack[0] === ']' ? '[' : '{') : undefined;
}

/**
 * A line of a flowchart the renderer did not read as Mermaid does, with its line in the block: brackets that never
 * close (`A --> (((`, which the renderer draws as a lone node), or an arrow that leads nowhere (`A -->`). Such a
 * diagram is shown as code, with a warning naming the line, rather than drawn as something else.
 */
/**
 * A line without its `%%` comment, as `line.replace(/%%.*$/, '')` reads it (`.` stops at a line break, so only a
 * `%%` after the last `\r` counts), with indexOf instead of a pattern tried again from every `%%`.
 */
function withoutComment(line: string): string {
	const from = Math.max(line.lastIndexOf('\r'), line.lastIndexOf('\u2028'), line.lastIndexOf('\u2029')) + 1;
	const at = line.indexOf('%%', from);
	return at < 0 ? line : line.slice(0, at);
}

function unreadLine(text: string, header: string, svg: string): { error: string; line?: number } | undefined {
	if (!/^(flowchart|graph)\b/.test(header)) return undefined;
	const lines = text.split('\n');
	const edges = (svg.match(/<polyline class="edge"/g) ?? []).length;
	let arrows = 0;
	for (let i = 0; i < lines.length; i++) {
		const line = withoutComment(lines[i]).trim();
		if (!line || line === header || /^(subgraph|end|style|classDef|class|click|linkStyle|direction)\b/.test(line))
			continue;
		const open = unbalanced(line);
		if (open)
			return {
				error: `line ${i + 1} of the diagram, "${line.slice(0, 40)}", has a "${open}" that does not close`,
				line: i
			};
		if (ARROW.test(line)) {
			arrows++;
			if (/(?:-->|---|==>|-\.->|--[xo])\s*$/.test(line))
				return { error: `line ${i + 1} of the diagram, "${line.slice(0, 40)}", has an arrow to nothing`, line: i };
		}
	}
	if (arrows > edges)
		return { error: `it has ${arrows} lines with arrows, and the renderer read only ${edges} of them` };
	return undefined;
}

/**
 * Draws one diagram, or says why it cannot. The SVG loses the renderer's own `<style>` (it loads a web font and would
 * style every SVG of the page) and its inline colours; ids get a prefix so two diagrams on a page do not share them.
 */
export function drawDiagram(
	text: string,
	prefix: string
): { svg: string; label: string } | { error: string; line?: number } {
	const header = headerOf(text);
	const kind = KINDS.find(([re]) => re.test(header))?.[1];
	if (!kind)
		return {
			error: `the site draws flowchart, graph, sequenceDiagram, classDiagram, stateDiagram, erDiagram and xychart, saw "${header.slice(0, 40)}"`
		};
	let svg: string;
	try {
		svg = renderMermaidSVG(text, { bg: '#fff', fg: '#000', transparent: true });
	} catch (e) {
		return { error: (e as Error).message.split('\n')[0] };
	}
	if (!/<text\b/.test(svg) && text.split('\n').filter((l) => l.trim()).length > 1)
		return { error: 'the renderer found nothing to draw in it' };
	const unfaithful = unreadLine(text, header, svg);
	if (unfaithful) return unfaithful;
	const label = labelOf(kind, svg);
	const made = legible(svg);
	svg = widen(made.svg, made);
	svg = replaceSpans(svg, /<style\b/gi, /<\/style>/gi, () => '').replace(/\s(data-[\w-]+)="[^"]*"/g, '');
	svg = editTags(
		svg,
		'svg',
		(tag) => (/\sstyle="[^"]*"/.test(tag) ? tag.replace(/\sstyle="[^"]*"/, '') : undefined),
		true
	);
	svg = svg.replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}-${id}"`);
	// Each url(#id), with an id of one character or more.
	svg = replaceSpans(svg, /url\(#/g, /\)/g, (url) => (url.length > 6 ? `url(#${prefix}-${url.slice(5)}` : url))
		.replace(/<svg\b/, `<svg role="img" aria-label="${escapeAttr(label)}" class="diagram-svg"${minWidth(svg)}`)
		.replace(/>\s+</g, '><');
	return { svg, label };
}

/**
 * Remark step: every ```` ```mermaid ```` block becomes a figure with its SVG, or stays code with a warning. The markup
 * is made safe inside a Svelte template (braces, backticks and backslashes as entities), like highlighted code.
 */
export function remarkDiagrams(options: { notes: Note[] }) {
	return (tree: Root) => {
		let count = 0;
		visit(tree, 'code', (node: Code, index, parent) => {
			if (!parent || index === undefined || node.lang?.toLowerCase() !== 'mermaid') return;
			const drawn = drawDiagram(node.value, `diagram-${++count}`);
			if ('error' in drawn) {
				// The line inside the block, counted from the fence's line.
				const start = node.position?.start.line;
				options.notes.push({
					severity: 'warning',
					line: start === undefined ? undefined : start + 1 + (drawn.line ?? -1),
					field: 'diagram',
					message: `expected a Mermaid diagram the site can draw, saw one it cannot (${drawn.error}); it is shown as code`,
					fix: 'check the diagram at https://mermaid.live, or use one of the kinds the README lists'
				});
				return;
			}
			const html: Html = {
				type: 'html',
				value: `<figure class="diagram">${drawn.svg
					.replace(/\{/g, '&#123;')
					.replace(/\}/g, '&#125;')
					.replace(/`/g, '&#96;')
					.replace(/\\/g, '&#92;')}</figure>`,
				position: node.position
			};
			parent.children.splice(index, 1, html);
		});
	};
}
