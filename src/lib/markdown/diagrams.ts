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

/** The first line that is not a comment or a directive: the diagram's header. */
const headerOf = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.find((l) => l && !l.startsWith('%%') && l !== '---') ?? '';

/** A label for readers of assistive technology: the kind of diagram and the words it shows. */
function labelOf(kind: string, svg: string): string {
	const words = [...new Set([...svg.matchAll(/<text\b[^>]*>([^<]+)<\/text>/g)].map((m) => decode(m[1]).trim()))]
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
	const width = Math.ceil(Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]));
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

/**
 * Labels made legible: every label at least 13 px, secondary text in the site's secondary colour (the renderer's
 * muted and faint greys are below 4.5:1 on white), and the boxes of notes and edge labels widened to their text.
 * Returns the SVG and how far its content now reaches left and right of the drawing's box.
 */
function legible(svg: string): { svg: string; left: number; right: number } {
	let left = 0;
	let right = 0;
	svg = svg.replace(/(<text\b[^>]*?\sfont-size=")([\d.]+)(")/g, (m, a: string, size: string, b: string) =>
		num(size) < MIN_LABEL_PX ? `${a}${MIN_LABEL_PX}${b}` : m
	);
	svg = svg.replace(/(<text\b[^>]*?\sfill=")var\(--_text-(?:muted|faint)\)(")/g, '$1var(--_text-sec)$2');
	// A box (note, edge label) as wide as its text at its size, plus 10 px each side, widened about its text's x.
	const fit = (group: string) => {
		const text = /<text\b[^>]*?\sx="([\d.-]+)"[^>]*?\sfont-size="([\d.]+)"[^>]*>([^<]*)<\/text>/.exec(group);
		if (!text) return group;
		const [cx, size, words] = [num(text[1]), num(text[2]), decode(text[3])];
		const xs = [
			...group.matchAll(/(?:points="([^"]*)")|(?:<rect\b[^>]*?\sx="([\d.-]+)"[^>]*?\swidth="([\d.]+)")/g)
		].flatMap((m) =>
			m[1]
				? m[1]
						.trim()
						.split(/\s+/)
						.map((p) => num(p.split(',')[0]))
				: [num(m[2]), num(m[2]) + num(m[3])]
		);
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
			.replace(/(<rect\b[^>]*?\sx=")([\d.-]+)("[^>]*?\swidth=")([\d.]+)"/g, (_, a, x, b, w) => {
				return `${a}${fmt(num(x) - half)}${b}${fmt(num(w) + grow)}"`;
			});
	};
	svg = svg.replace(/<g class="(?:note|edge-label)"[\s\S]*?<\/g>/g, fit);
	return { svg, left, right };
}

/** Widens the drawing's box (viewBox and width) so that content moved past its edges stays inside it. */
function widen(svg: string, reach: { left: number; right: number }): string {
	const box = /<svg\b[^>]*?\sviewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/.exec(svg);
	if (!box) return svg;
	const [x, y, w, h] = box.slice(1).map(num);
	const extraLeft = Math.max(0, reach.left > 0 ? reach.left + 8 - x : 0);
	const extraRight = Math.max(0, reach.right + 8 - (x + w));
	if (!extraLeft && !extraRight) return svg;
	const width = w + extraLeft + extraRight;
	return svg
		.replace(/(<svg\b[^>]*?\sviewBox=")[^"]*"/, `$1${fmt(x - extraLeft)} ${fmt(y)} ${fmt(width)} ${fmt(h)}"`)
		.replace(/(<svg\b[^>]*?\swidth=")[\d.]+"/, `$1${fmt(width)}"`);
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
function unreadLine(text: string, header: string, svg: string): { error: string; line?: number } | undefined {
	if (!/^(flowchart|graph)\b/.test(header)) return undefined;
	const lines = text.split('\n');
	const edges = (svg.match(/<polyline class="edge"/g) ?? []).length;
	let arrows = 0;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].replace(/%%.*$/, '').trim();
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
	svg = svg
		.replace(/<style\b[\s\S]*?<\/style>/gi, '')
		.replace(/\s(data-[\w-]+)="[^"]*"/g, '')
		.replace(/(<svg\b[^>]*?)\sstyle="[^"]*"/, '$1')
		.replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${prefix}-${id}"`)
		.replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
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
