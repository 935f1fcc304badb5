import { describe, expect, it } from 'vitest';
import { drawDiagram } from '../../../src/lib/markdown/diagrams';
import { renderMarkdown } from '../../helpers/render';

const FLOWCHART = `flowchart TB
  subgraph Cum["Cụm máy chủ"]
    A[Máy chủ A] --> B{Bầu chọn}
  end
  B -->|thắng| C[Leader]
  B -->|thua| D[Follower]`;
const SEQUENCE = `sequenceDiagram
  participant C as Client
  participant S as Server
  C->>S: Yêu cầu {id}
  S-->>C: Trả lời`;

describe('mermaid diagrams', () => {
	it('draws a flowchart with subgraphs and a sequence diagram as labelled inline SVG, with no script or style', async () => {
		const { html, facts, removed } = await renderMarkdown(
			`# T\n\n\`\`\`mermaid\n${FLOWCHART}\n\`\`\`\n\n\`\`\`mermaid\n${SEQUENCE}\n\`\`\`\n`
		);
		const svgs = html.match(/<svg\b[^>]*>/g) ?? [];
		expect(svgs).toHaveLength(2);
		for (const tag of svgs) {
			expect(tag).toContain('role="img"');
			expect(tag).toMatch(/aria-label="[^"]{10,}"/);
			expect(tag).toContain('viewBox=');
		}
		expect(svgs[0]).toContain('Cụm máy chủ');
		expect(html).toContain('Máy chủ A');
		expect(html).toContain('Yêu cầu {id}');
		expect(html).not.toMatch(/<script|<style|@import|fonts\.googleapis|data-id=/);
		// Ids are prefixed per diagram, and every reference points at one of them.
		const ids = [...html.matchAll(/\sid="(diagram-[^"]+)"/g)].map((m) => m[1]);
		expect(new Set(ids).size).toBe(ids.length);
		for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
		expect(html).not.toContain('<code class="language-mermaid"');
		expect(facts.notes).toEqual([]);
		expect(removed).toEqual([]);
	});

	it('keeps a wide diagram at its drawn size, where labels are 13 px, and lets its figure scroll (issue 25)', () => {
		const participants = Array.from({ length: 6 }, (_, i) => `participant P${i} as Thành phần ${i}`).join('\n  ');
		const wide = drawDiagram(`sequenceDiagram\n  ${participants}\n  P0->>P5: gọi`, 'd2');
		if ('error' in wide) throw new Error(wide.error);
		const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(wide.svg)![1]);
		expect(width).toBeGreaterThan(700);
		expect(wide.svg).toContain(`style="min-width:${Math.ceil(width)}px"`);
		// Wider than the sanitiser's bound for min-width (1600 px): it shrinks with the column.
		const participants12 = Array.from({ length: 14 }, (_, i) => `participant P${i} as Thành phần ${i}`).join('\n  ');
		const huge = drawDiagram(`sequenceDiagram\n  ${participants12}\n  P0->>P13: gọi`, 'd3');
		expect('svg' in huge && huge.svg).not.toContain('min-width');
	});

	it('keeps a diagram it cannot draw as code, with a warning on its line', async () => {
		const { html, facts } = await renderMarkdown('Đoạn đầu\n\n```mermaid\npie title Tỉ lệ\n  "A": 1\n```\n');
		expect(html).not.toContain('<svg');
		expect(html).toContain('Tỉ lệ');
		expect(facts.notes).toMatchObject([{ severity: 'warning', field: 'diagram', line: 3 }]);
		expect(facts.notes[0].message).toContain('pie');
	});

	it('never lets a label or a style directive load or run anything', () => {
		const drawn = drawDiagram(
			'flowchart LR\n  A["<img src=x onerror=alert(1)>"] --> B\n  style A fill:url(http://evil.example/x)',
			'd1'
		);
		if ('error' in drawn) throw new Error(drawn.error);
		expect(drawn.svg).not.toMatch(/<img/);
		expect(drawn.svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(drawn.label).toContain('<img src=x');
	});

	it('removes paint that loads a URL in the page sanitiser', async () => {
		const { html } = await renderMarkdown(
			'```mermaid\nflowchart LR\n  A --> B\n  style A fill:url(http://evil.example/x)\n```\n'
		);
		expect(html).toContain('<svg');
		expect(html).not.toContain('evil.example');
	});
});
