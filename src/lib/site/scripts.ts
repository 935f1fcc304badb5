/**
 * The inline scripts the site's own layout writes into its pages, read from their source: the theme script of
 * `src/app.html` (found by an HTML parser) and `site-script.js`, which SiteScript.svelte inlines. The Content Security
 * Policy allows these and nothing else inline (text/csp.ts).
 */
import { readFileSync } from 'node:fs';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** The text of every inline script of the page template and the layout. */
export function siteScripts(): string[] {
	const scripts: string[] = [];
	visit(fromHtml(source('../../app.html')), 'element', (node: Element) => {
		if (node.tagName === 'script' && node.properties.src === undefined) scripts.push(toString(node));
	});
	scripts.push(source('../components/site-script.js'));
	return scripts;
}
