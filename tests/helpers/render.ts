/** Compiles a Markdown body with the real pipeline and renders it with Svelte's server renderer. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'svelte/server';
import { compilePost, type CompileOptions } from '../../src/lib/markdown/compile';
import { sanitizePost } from '../../src/lib/markdown/sanitize';

let n = 0;
const dir = resolve('.artifacts/rendered');

export async function renderMarkdown(body: string, options: Partial<CompileOptions> = {}) {
	const compiled = await compilePost(body, { file: 'posts/test.md', base: '', ...options });
	// Content trust, as the build renders it (src/lib/content/render/run.ts): the compiled post is its HTML already.
	if (compiled.html !== undefined) return { ...compiled, ...sanitizePost(compiled.html) };
	// Author trust: the Svelte server component, rendered.
	mkdirSync(dir, { recursive: true });
	const file = resolve(dir, `post-${process.pid}-${++n}.js`);
	writeFileSync(file, compiled.js);
	const mod = await import(/* @vite-ignore */ file);
	// As the build does (src/lib/content/render/run.ts): the rendered body goes through the sanitiser.
	const { html, removed } = sanitizePost(render(mod.default).body);
	return { ...compiled, html, removed };
}

/** Visible text of some HTML, tags removed and entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
	return html
		.replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}
