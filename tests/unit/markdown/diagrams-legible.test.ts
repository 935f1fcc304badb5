/**
 * Issue 25, point 6: diagrams legible on a phone (labels at least 13 px, never shrunk below their drawn size;
 * secondary text at 4.5:1 or more in both themes), notes as wide as their text, and a diagram the renderer cannot
 * read faithfully shown as code with a warning naming its line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIN_LABEL_PX, drawDiagram, textWidthEm } from '../../../src/lib/markdown/diagrams';
import { renderMarkdown, textOf } from '../../helpers/render';

const SEQUENCE = `sequenceDiagram
  participant C as Client
  participant S as Server
  C->>S: Yêu cầu
  Note over C,S: Một ghi chú khá dài về đồng bộ hoá đồng hồ giữa các máy
  Note right of S: Ghi chú bên phải`;
const FLOW = 'flowchart TB\n  A[Máy chủ A] --> B{Bầu chọn}\n  B -->|thắng cử| C[Leader]';

const svgOf = (text: string) => {
	const drawn = drawDiagram(text, 'd');
	if ('error' in drawn) throw new Error(drawn.error);
	return drawn.svg;
};

describe('diagram labels', () => {
	it('are at least 13 px, and the drawing never shrinks below its size', () => {
		for (const svg of [svgOf(SEQUENCE), svgOf(FLOW)]) {
			const sizes = [...svg.matchAll(/<text\b[^>]*?font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
			expect(sizes.length).toBeGreaterThan(2);
			expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_LABEL_PX);
			const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)![1]);
			expect(svg).toContain(`min-width:${Math.ceil(width)}px`);
		}
	});

	it('use colours of at least 4.5:1 on the page and on a node, in both themes of app.css', () => {
		const svg = svgOf(SEQUENCE) + svgOf(FLOW);
		const fills = new Set([...svg.matchAll(/<text\b[^>]*?fill="var\((--_[\w-]+)\)"/g)].map((m) => m[1]));
		expect([...fills].sort()).toEqual(['--_text', '--_text-sec']);
		const css = readFileSync('src/app.css', 'utf8');
		const rule = /\.diagram svg \{([\s\S]*?)\}/.exec(css)![1];
		const theme = (selector: RegExp) => {
			const block = selector.exec(css)![1];
			const v = (name: string) => new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block)![1];
			return { fg: v('--fg'), bg: v('--bg'), accent: v('--accent') };
		};
		const themes = [theme(/:root\s*\{([\s\S]*?)\}/), theme(/:root\[data-theme='dark'\]\s*\{([\s\S]*?)\}/)];
		const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
		const mix = (a: number[], b: number[], p: number) => a.map((x, i) => x * p + b[i] * (1 - p));
		const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
		const lum = (c: number[]) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
		const ratio = (a: number[], b: number[]) => {
			const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
			return (x + 0.05) / (y + 0.05);
		};
		const share = (name: string, of: string) =>
			Number(new RegExp(`${name}:\\s*color-mix\\(in srgb, var\\(${of}\\) (\\d+)%`).exec(rule)?.[1] ?? 100) / 100;
		for (const t of themes) {
			const [fg, bg, accent] = [rgb(t.fg), rgb(t.bg), rgb(t.accent)];
			const node = mix(accent, bg, share('--_node-fill', '--accent'));
			for (const fill of fills) {
				const colour = fill === '--_text' ? fg : mix(fg, bg, share(fill, '--fg'));
				expect(ratio(colour, bg), `${fill} on the page`).toBeGreaterThanOrEqual(4.5);
				expect(ratio(colour, node), `${fill} on a node`).toBeGreaterThanOrEqual(4.5);
			}
		}
	});

	it('fit in their notes and edge-label boxes', () => {
		for (const svg of [svgOf(SEQUENCE), svgOf(FLOW)]) {
			const groups = [...svg.matchAll(/<g class="(?:note|edge-label)">([\s\S]*?)<\/g>/g)].map((m) => m[1]);
			expect(groups.length).toBeGreaterThan(0);
			for (const g of groups) {
				const text = /font-size="([\d.]+)"[^>]*>([^<]+)</.exec(g)!;
				const xs = [...g.matchAll(/points="([^"]+)"/g)].flatMap((m) =>
					m[1].split(' ').map((p) => Number(p.split(',')[0]))
				);
				const rect = /<rect\b[^>]*?\swidth="([\d.]+)"/.exec(g);
				const box = rect ? Number(rect[1]) : Math.max(...xs) - Math.min(...xs);
				expect(box).toBeGreaterThanOrEqual(textWidthEm(text[2]) * Number(text[1]));
			}
			// Everything stays inside the drawing's box.
			const [x, , w] = /viewBox="([^"]+)"/.exec(svg)![1].split(' ').map(Number);
			const all = [...svg.matchAll(/points="([^"]+)"/g)].flatMap((m) =>
				m[1]
					.split(/[ ,]+/)
					.filter((_, i) => i % 2 === 0)
					.map(Number)
			);
			expect(Math.min(...all)).toBeGreaterThanOrEqual(x);
			expect(Math.max(...all)).toBeLessThanOrEqual(x + w);
		}
	});
});

describe('a diagram the renderer cannot read faithfully', () => {
	it('is shown as code with a warning naming the line (the so-do-loi fixture)', async () => {
		const text = readFileSync('tests/fixtures/hints/so-do-loi.md', 'utf8').replace(/^---[\s\S]*?---/, (m) =>
			m.replace(/[^\n]/g, '')
		);
		const { html, facts } = await renderMarkdown(text);
		expect(html).not.toContain('<svg');
		expect(textOf(html)).toContain('B --> (((');
		expect(facts.notes).toEqual([expect.objectContaining({ severity: 'warning', field: 'diagram', line: 11 })]);
		expect(facts.notes[0].message).toContain('"B --> (((", has a "(" that does not close');
	});

	it('names an arrow that leads nowhere, and draws valid chains, "&" and labelled edges', () => {
		expect(drawDiagram('graph TD\n  A -->\n', 'd')).toMatchObject({ line: 1 });
		const ok = drawDiagram(
			'flowchart TB\n  A --> B & C\n  B -->|có| D\n  C -.-> D\n  D == đậm ==> E\n  E -- chữ --> F\n  A ~~~ F',
			'd'
		);
		expect('error' in ok ? ok.error : '').toBe('');
	});
});
