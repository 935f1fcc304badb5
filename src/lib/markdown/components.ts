/**
 * The site's components that posts may use, rendered the way Hugo renders shortcodes: the post stays HTML, and each
 * component tag in it is replaced by the component's server render, from its literal attributes and its children's
 * HTML. No post is ever compiled or evaluated as a Svelte component under `content` trust.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { createRawSnippet, type Component } from 'svelte';
import { render } from 'svelte/server';
import { CALLOUT_TYPES } from './callout.ts';
import { SITE_CLASSES, isMarked } from './site-mark.ts';

export interface PostComponent {
	/** The attributes it takes, with the values each accepts (undefined: any text). */
	props: Record<string, readonly string[] | undefined>;
	load: () => Promise<{ default: Component<Record<string, unknown>> }>;
}

/** The site's components a post may use, by file name without `.svelte`. */
export const POST_COMPONENTS: Record<string, PostComponent> = {
	Callout: {
		props: { type: [...CALLOUT_TYPES, 'info', 'success', 'caution', 'error'], title: undefined },
		load: () => import('../components/Callout.svelte') as never
	}
};

/** The tag a component written `<Name>` in a post becomes in its HTML, so an HTML parser reads it as no real element. */
export const componentTag = (localName: string) => `course-notes-${localName.toLowerCase()}`;

/** `{"x"}`, `{'x'}`, `{5}`, `{true}`: the literal a post may give a component's attribute, as text. */
const LITERAL = /^\{\s*(?:"([^"{}]*)"|'([^'{}]*)'|(-?\d+(?:\.\d+)?|true|false))\s*\}$/;
const literal = (value: string) => {
	const m = LITERAL.exec(value.trim());
	return m ? (m[1] ?? m[2] ?? m[3]) : value;
};

/** The attributes of a component's element, as the props it is rendered with (only those it takes). */
function propsOf(node: Element, component: PostComponent): Record<string, string> {
	const props: Record<string, string> = {};
	for (const [key, value] of Object.entries(node.properties ?? {})) {
		if (!(key in component.props) || value === undefined || value === null) continue;
		props[key] = literal(Array.isArray(value) ? value.join(' ') : String(value));
	}
	return props;
}

/**
 * Takes the site's classes from elements the site did not write (site-mark.ts), and the mark from those it did.
 * Returns whether the element is the site's own (so is everything inside it).
 */
function keepSiteClasses(node: Element, inSite: boolean): boolean {
	const own = inSite || isMarked(node.properties);
	delete node.properties.dataCourseNotesSite;
	const classes = node.properties.className;
	if (!own && Array.isArray(classes) && classes.some((c) => SITE_CLASSES.has(String(c)))) {
		const kept = classes.filter((c) => !SITE_CLASSES.has(String(c)));
		if (kept.length) node.properties.className = kept;
		else delete node.properties.className;
	}
	return own;
}

/**
 * Finishes the HTML of a post that writes HTML of its own: the site's classes stay on the site's own elements only,
 * and every component element is replaced with the component's render, innermost first. `names` maps the post's local
 * name for a component (`Callout`, or `Note` for `import Note from '$lib/components/Callout.svelte'`) to the
 * component's file name. Returns the HTML (not yet sanitised: the sanitiser runs last, on everything).
 */
export async function finishPostHtml(html: string, names: Map<string, string>): Promise<string> {
	const tags = new Map([...names].map(([local, file]) => [componentTag(local), POST_COMPONENTS[file]]));
	const tree = fromHtml(html, { fragment: true });
	const loaded = new Map<PostComponent, Component<Record<string, unknown>>>();
	const walk = async (parent: Root | Element, inSite = false) => {
		const out: (RootContent | ElementContent)[] = [];
		for (const child of parent.children) {
			if (child.type !== 'element') {
				out.push(child);
				continue;
			}
			await walk(child, keepSiteClasses(child, inSite));
			const component = tags.get(child.tagName);
			if (!component) {
				out.push(child);
				continue;
			}
			let Loaded = loaded.get(component);
			if (!Loaded) loaded.set(component, (Loaded = (await component.load()).default));
			const inner = toHtml(child.children);
			const children = createRawSnippet(() => ({ render: () => inner }));
			const { body } = render(Loaded, { props: { ...propsOf(child, component), children } });
			out.push(...(fromHtml(body, { fragment: true }).children as ElementContent[]));
		}
		parent.children = out as never;
	};
	await walk(tree);
	return toHtml(tree);
}
