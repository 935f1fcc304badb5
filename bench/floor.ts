import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { LANGUAGES } from './generate';
import { isMain } from '../scripts/main';

const THEMES = { light: 'github-light', dark: 'github-dark' } as const;

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const TITLE = /^title:[ \t]*(["']?)(.*)\1[ \t]*$/m;

// Double-quoted YAML escapes are a superset of JSON's for what titles contain; anything odder stays raw.
function unquote(m: RegExpExecArray | null): string | undefined {
	if (!m) return undefined;
	if (m[1] !== '"') return m[2];
	try {
		return JSON.parse(`"${m[2]}"`) as string;
	} catch {
		return m[2];
	}
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Replaces `pre > code.language-x` with shiki's `pre`, the same shape every shiki rehype plugin produces.
function rehypeShiki(hl: Highlighter) {
	return () => async (tree: Root) => {
		const blocks: { parent: Root | Element; index: number; code: string; lang: string }[] = [];
		visit(tree, 'element', (node, index, parent) => {
			if (node.tagName !== 'pre' || !parent || index === undefined) return;
			const code = node.children[0];
			if (code?.type !== 'element' || code.tagName !== 'code') return;
			const cls = (code.properties.className as string[] | undefined)?.find((c) => c.startsWith('language-'));
			blocks.push({ parent, index, code: toString(code).replace(/\n$/, ''), lang: cls?.slice(9) ?? 'text' });
		});
		for (const b of blocks) {
			const lang = await ensureLanguage(hl, b.lang);
			const out = hl.codeToHast(b.code, {
				lang,
				themes: THEMES,
				// The default per-line limit silently stops tokenizing on a busy machine, which would flatter the floor.
				tokenizeTimeLimit: 0
			});
			b.parent.children[b.index] = out.children[0] as Element;
		}
	};
}

// Generated posts use only the preloaded languages; real posts may name others, loaded once on first sight.
async function ensureLanguage(hl: Highlighter, lang: string): Promise<string> {
	if (hl.getLoadedLanguages().includes(lang)) return lang;
	if (!(lang in bundledLanguages)) return 'text';
	await hl.loadLanguage(lang as BundledLanguage);
	return lang;
}

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** Builds every `.md` in `postsDir` into `outDir/<name>/index.html` with a bare unified + shiki pipeline, sequentially. */
export async function buildFloor(postsDir: string, outDir: string): Promise<{ seconds: number; pages: number }> {
	const start = performance.now();
	// One highlighter for the whole run: creating it is the expensive part and any real build would share it too.
	const hl = await createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [...LANGUAGES] });
	const processor = unified()
		.use(remarkParse)
		.use(remarkGfm)
		.use(remarkRehype)
		.use(rehypeShiki(hl))
		.use(rehypeStringify)
		.freeze();

	const files = (await readdir(postsDir)).filter((f) => f.endsWith('.md')).sort();
	for (const file of files) {
		const text = await readFile(join(postsDir, file), 'utf8');
		const head = FRONTMATTER.exec(text);
		const name = basename(file, '.md');
		const title = (head && unquote(TITLE.exec(head[0]))) || name;
		const html = String(await processor.process(head ? text.slice(head[0].length) : text));
		const dir = join(outDir, name);
		await mkdir(dir, { recursive: true });
		await writeFile(join(dir, 'index.html'), page(title, html));
	}
	hl.dispose();
	return { seconds: (performance.now() - start) / 1000, pages: files.length };
}

if (isMain(import.meta.url)) {
	const [posts, out] = process.argv.slice(2);
	if (!posts || !out) {
		console.error('usage: npx tsx bench/floor.ts POSTS_DIR OUT_DIR');
		process.exit(2);
	}
	const { seconds, pages } = await buildFloor(posts, out);
	console.log(
		`floor: ${pages} pages in ${seconds.toFixed(2)} s (${((seconds * 1000) / Math.max(pages, 1)).toFixed(1)} ms/page)`
	);
}
