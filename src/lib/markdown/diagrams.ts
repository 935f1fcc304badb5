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

/**
 * A wide diagram (a sequence of ten participants) shrinks with the column down to 60 % of its size, where its 13 px
 * labels are still about 8 px; below that it keeps that width and its figure scrolls sideways.
 */
function minWidth(svg: string): string {
	const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]);
	return width > 560 ? ` style="min-width:${Math.round(width * 0.6)}px"` : '';
}

/**
 * Draws one diagram, or says why it cannot. The SVG loses the renderer's own `<style>` (it loads a web font and would
 * style every SVG of the page) and its inline colours; ids get a prefix so two diagrams on a page do not share them.
 */
export function drawDiagram(text: string, prefix: string): { svg: string; label: string } | { error: string } {
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
	const label = labelOf(kind, svg);
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
				options.notes.push({
					severity: 'warning',
					line: node.position?.start.line,
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
