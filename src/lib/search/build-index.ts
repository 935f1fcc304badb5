/**
 * Builds the Pagefind index of a written site with its Node API: every post page as written and folded, both in the
 * readable form of index-html.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { foldHtmlText } from './fold.ts';
import { readableHtml } from './index-html.ts';
import { FOLDED_SUFFIX } from './ui.js';

/** The HTML pages of a written site, as paths relative to it. */
const htmlFiles = (dir: string) =>
	readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.startsWith('_app'));

export async function buildSearchIndex(siteDir: string): Promise<{ pages: number; files: number }> {
	const { index, errors } = await pagefind.createIndex({
		forceLanguage: 'vi',
		// Navigation and decoration repeat across pages and would crowd results.
		excludeSelectors: [
			'.heading-anchor',
			'.toc',
			'.post-nav',
			'.code-lang',
			'.copy-code',
			'.post-header .meta',
			'.post-header .tags',
			// KaTeX writes each formula twice (visual HTML and MathML) and MathML runs its symbols together: only the
			// TeX source in the MathML annotation is read ("T(n) = n^2 + \log n").
			'.katex-html',
			'.katex-mathml semantics > :not(annotation)'
		]
	});
	if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
	let pages = 0;
	try {
		for (const file of htmlFiles(siteDir)) {
			const content = readFileSync(join(siteDir, file), 'utf8');
			if (!content.includes('data-pagefind-body')) continue;
			const url =
				'/' +
				file
					.split(sep)
					.join('/')
					.replace(/index\.html$/, '');
			const readable = readableHtml(content);
			for (const [u, html] of [
				[url, readable],
				[url + FOLDED_SUFFIX, foldHtmlText(readable)]
			]) {
				const added = await index.addHTMLFile({ url: u, content: html });
				if (added.errors.length) throw new Error(`pagefind could not index ${u}: ${added.errors.join('; ')}`);
			}
			pages++;
		}
		const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
		if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
		return { pages, files: readdirSync(join(siteDir, 'pagefind'), { recursive: true }).length };
	} finally {
		await pagefind.close();
	}
}
