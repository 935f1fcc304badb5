/**
 * A quick read of a Markdown body without compiling it: links, images and heading ids with their lines. Used by the
 * build and by `check:posts` to check links between posts, anchors and images with the same rules.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import { visit } from 'unist-util-visit';
import { createSlugger } from '../text/slug.ts';

export interface Reference {
	url: string;
	line?: number;
	kind: 'link' | 'image';
}

export interface Scan {
	references: Reference[];
	/** Every heading id the post will have. */
	ids: string[];
	firstH1?: string;
}

const HTML_REF = /<(a|img)\b[^>]*?\s(href|src)\s*=\s*("([^"]*)"|'([^']*)')/gi;

export function scanMarkdown(body: string): Scan {
	const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
	const references: Reference[] = [];
	const slug = createSlugger();
	const ids = new Set<string>();
	let firstH1: string | undefined;
	const definitions = new Map<string, string>();
	visit(tree, 'definition', (node) => {
		definitions.set(node.identifier, node.url);
	});
	visit(tree, (node) => {
		const line = node.position?.start.line;
		if (node.type === 'link' || node.type === 'image') {
			references.push({ url: node.url, line, kind: node.type });
		} else if ((node.type === 'linkReference' || node.type === 'imageReference') && definitions.has(node.identifier)) {
			references.push({
				url: definitions.get(node.identifier)!,
				line,
				kind: node.type === 'imageReference' ? 'image' : 'link'
			});
		} else if (node.type === 'heading') {
			const text = toString(node).replace(/\s+/g, ' ').trim();
			if (node.depth === 1) firstH1 ??= text;
			ids.add(slug(text));
		} else if (node.type === 'html') {
			for (const m of node.value.matchAll(HTML_REF)) {
				const before = node.value.slice(0, m.index);
				references.push({
					url: m[4] ?? m[5] ?? '',
					line: line === undefined ? undefined : line + before.split('\n').length - 1,
					kind: m[1].toLowerCase() === 'img' ? 'image' : 'link'
				});
			}
			for (const m of node.value.matchAll(/\sid\s*=\s*["']([^"']+)["']/gi)) ids.add(m[1]);
		}
	});
	return { references, ids: [...ids], firstH1 };
}
