/** GitHub alert syntax (`> [!NOTE]`) as the same markup the Callout component renders, with no import needed. */
import type { Blockquote, Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { CALLOUT_TYPES, calloutLabel, type CalloutType } from './callout.ts';

const ALERTS: Record<string, CalloutType> = {
	NOTE: 'note',
	TIP: 'tip',
	IMPORTANT: 'important',
	WARNING: 'warning',
	CAUTION: 'danger',
	DANGER: 'danger'
};

/** Reads `[!TYPE] optional title` at the start of a blockquote, whether remark saw it as text or a link reference. */
function takeMarker(paragraph: Paragraph): { type: CalloutType; title: string } | undefined {
	const kids = paragraph.children ?? [];
	const head = kids[0];
	let name: string | undefined;
	if (head?.type === 'linkReference' && head.children?.length === 1 && head.children[0].type === 'text') {
		name = /^!(\w+)$/.exec(head.children[0].value ?? '')?.[1];
		if (!name || !ALERTS[name.toUpperCase()]) return;
		kids.shift();
	} else if (head?.type === 'text') {
		const m = /^\s*\[!(\w+)\]/.exec(head.value ?? '');
		if (!m || !ALERTS[m[1].toUpperCase()]) return;
		name = m[1];
		head.value = head.value!.slice(m[0].length);
	} else return;
	// The rest of the marker's line is an optional title.
	let title = '';
	const next = kids[0];
	if (next?.type === 'text') {
		const m = /^[ \t]*([^\n]*)(\n|$)/.exec(next.value ?? '')!;
		title = m[1].trim();
		next.value = next.value!.slice(m[0].length);
		if (!next.value) kids.shift();
	}
	return { type: ALERTS[name.toUpperCase()], title };
}

export function remarkAlerts() {
	return (tree: Root) => {
		visit(tree, 'blockquote', (node: Blockquote) => {
			const first = node.children?.[0];
			if (first?.type !== 'paragraph') return;
			const marker = takeMarker(first);
			if (!marker) return;
			if (first.children!.length === 0) node.children!.shift();
			node.data = { hName: 'aside', hProperties: { className: ['callout', `callout-${marker.type}`] } };
			node.children!.unshift({
				type: 'paragraph',
				data: { hProperties: { className: ['callout-title'] } },
				children: [{ type: 'text', value: marker.title || calloutLabel(marker.type) }]
			});
		});
	};
}

export { CALLOUT_TYPES };
