/**
 * Posts are content, not code. With the `content` trust setting (the default), a post's `<script>` may only import the
 * site's own components (`import Callout from '$lib/components/Callout.svelte'`); everything else a post could run is
 * refused and left out: other script lines, `<script module>`, `<svelte:…>` elements and `{expressions}` in component
 * attributes (literal strings, numbers and booleans are fine). `<style>` is dropped with a warning. The `author`
 * setting, for a single-author site, keeps posts as full Svelte.
 */
import type { Html, Parent, Root, RootContent } from 'mdast';
import { POST_COMPONENTS } from './components.ts';

export type Trust = 'content' | 'author';

/** A problem this step finds, for the content module to report with the post's file. */
export interface Note {
	severity: 'error' | 'warning';
	line?: number;
	field: string;
	message: string;
	fix: string;
}

const SCRIPT = /^\s*<script\b([^>]*)>([\s\S]*?)(?:<\/script\s*>\s*)?$/i;
const STYLE = /^\s*<style\b/i;
const IMPORT = /^import\s+([A-Z][\w$]*)\s+from\s+(['"])\$lib\/components\/([A-Za-z][\w-]*)\.svelte\2\s*;?$/;
const LITERAL = /^\{\s*(?:-?\d+(?:\.\d+)?|true|false|"[^"{}]*"|'[^'{}]*')\s*\}$/;
/** A literal in braces, to the text it stands for. */
const LITERAL_TEXT = /^\{\s*(?:"([^"{}]*)"|'([^'{}]*)'|(-?\d+(?:\.\d+)?|true|false))\s*\}$/;

/** The site's components a post may import, by file name without `.svelte` (e.g. `Callout`). */
export type Components = Set<string>;

/** Vets the script lines of a post: the imports it may keep, and a note for each line it may not. */
function vetScript(code: string, attrs: string, firstLine: number, components: Components) {
	const kept: string[] = [];
	const notes: Note[] = [];
	if (/\b(context\s*=\s*["']?module|module\b)/i.test(attrs)) {
		notes.push({
			severity: 'error',
			line: firstLine,
			field: 'script',
			message: 'expected no module script in a post, saw <script module>; it is left out',
			fix: 'remove the module script: posts may only import the site’s components'
		});
		return { kept, notes };
	}
	code.split('\n').forEach((raw, i) => {
		const line = raw.trim().replace(/^\/\/.*$/, '');
		if (!line) return;
		const m = IMPORT.exec(line);
		if (m && components.has(m[3])) {
			kept.push(`import ${m[1]} from '$lib/components/${m[3]}.svelte';`);
			return;
		}
		// A component the site does not have runs nothing: a warning. Any other line would run: an error.
		notes.push({
			severity: m ? 'warning' : 'error',
			line: firstLine + i,
			field: 'script',
			message: m
				? `expected a component of the site, saw an import of ${m[3]}.svelte, which src/lib/components does not have; the post is published without it`
				: `expected only component imports in a post's <script>, saw ${JSON.stringify(line.slice(0, 60))}; it is left out`,
			fix: m
				? `use one of: ${[...components].sort().join(', ')}`
				: `a post's script may only hold lines like: import Callout from '$lib/components/Callout.svelte';`
		});
	});
	return { kept, notes };
}

/** Refuses Svelte syntax in a piece of raw HTML: `<svelte:…>` and expressions in a component's attributes. */
function vetMarkup(node: Html, names: Map<string, string>, notes: Note[]) {
	const line = (offset: number) =>
		(node.position?.start.line ?? 1) + node.value.slice(0, offset).split('\n').length - 1;
	for (const m of node.value.matchAll(/<svelte:[\w-]+/gi))
		notes.push({
			severity: 'error',
			line: line(m.index),
			field: 'script',
			message: `expected no Svelte special element in a post, saw ${m[0]}>; it is shown as text`,
			fix: 'remove it: posts are content, not code'
		});
	for (const tag of node.value.matchAll(/<([A-Z](?:[\w$]*\w)?)(\$*(?![\w$])[^<>]*)>/g)) {
		const file = names.get(tag[1]);
		if (!file) continue;
		const props = POST_COMPONENTS[file]?.props;
		for (const attr of tag[2].matchAll(/([\w:-]+)(?:\s*=\s*("[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>`]+))?/g)) {
			const value = (attr[2] ?? '').replace(/^(["'])([\s\S]*)\1$/, '$2').replace(LITERAL_TEXT, '$1$2$3');
			if (props && !(attr[1] in props))
				notes.push({
					severity: 'warning',
					line: line(tag.index),
					field: 'component',
					message: `expected an attribute of ${tag[1]} (${Object.keys(props).join(', ')}), saw ${attr[1]}; it is ignored`,
					fix: `remove ${attr[1]}, or write one of: ${Object.keys(props).join(', ')}`
				});
			else if (props?.[attr[1]] && !attr[2]?.startsWith('{') && !props[attr[1]]!.includes(value.toLowerCase()))
				notes.push({
					severity: 'warning',
					line: line(tag.index),
					field: 'component',
					message: `expected ${tag[1]}'s ${attr[1]} to be one of ${props[attr[1]]!.join(', ')}, saw ${JSON.stringify(value.slice(0, 40))}; a note is shown`,
					fix: `write ${attr[1]}="${props[attr[1]]![0]}" or another of the values above`
				});
			if (!attr[2]?.startsWith('{') || LITERAL.test(attr[2])) continue;
			notes.push({
				severity: 'error',
				line: line(tag.index),
				field: 'script',
				message: `expected a literal value for ${tag[1]}'s ${attr[1]}, saw the expression ${attr[2]}; it is shown as text`,
				fix: `write ${attr[1]}="…" with the text itself`
			});
		}
	}
}

/**
 * The remark step: with `content` trust, every `<script>` of the post is replaced by one holding only the vetted
 * imports, and `<style>` is removed; notes say what was refused. With `author` trust, only `<style>` is kept too.
 */
export function remarkTrust(options: {
	trust: Trust;
	components: Components;
	notes: Note[];
	/** When given, the vetted imports are taken out of the post and recorded here: local name → component file. */
	imported?: Map<string, string>;
}) {
	return (tree: Root) => {
		if (options.trust === 'author') return;
		const imports: string[] = [];
		let first: Html | undefined;
		const names = new Map<string, string>();
		const walk = (parent: Parent) => {
			parent.children = (parent.children as RootContent[]).filter((child) => {
				if (child.type === 'html') {
					const script = SCRIPT.exec(child.value);
					if (script && parent === tree) {
						const vetted = vetScript(script[2], script[1], child.position?.start.line ?? 1, options.components);
						imports.push(...vetted.kept);
						options.notes.push(...vetted.notes);
						first ??= child;
						return child === first;
					}
					if (STYLE.test(child.value)) {
						options.notes.push({
							severity: 'warning',
							line: child.position?.start.line,
							field: 'style',
							message: 'expected no <style> in a post, saw one; it is dropped (it would restyle the whole page)',
							fix: 'remove the <style> block; the site styles posts'
						});
						return false;
					}
				}
				if ('children' in child) walk(child as Parent);
				return true;
			}) as never;
		};
		walk(tree);
		for (const m of imports.join('\n').matchAll(/import (\S+) from '\$lib\/components\/(\S+)\.svelte'/g))
			names.set(m[1], m[2]);
		if (first) {
			if (imports.length && !options.imported) first.value = `<script>\n${[...new Set(imports)].join('\n')}\n</script>`;
			else tree.children.splice(tree.children.indexOf(first), 1);
		}
		for (const [local, file] of names) options.imported?.set(local, file);
		const markup = (parent: Parent) => {
			for (const child of parent.children as RootContent[]) {
				if (child.type === 'html' && child !== first) vetMarkup(child, names, options.notes);
				else if ('children' in child) markup(child as Parent);
			}
		};
		markup(tree);
	};
}
