import { bundledLanguages, createHighlighter, type BundledLanguage, type Highlighter } from 'shiki';
import { siteMark } from './site-mark.ts';

/** Light and dark themes: the page's CSS picks one through shiki's CSS variables. */
// The *-default GitHub themes keep every token at AA contrast (4.5:1) on their own backgrounds.
export const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;

const ALIASES: Record<string, string> = {
	'c++': 'cpp',
	cs: 'csharp',
	'c#': 'csharp',
	golang: 'go',
	js: 'javascript',
	ts: 'typescript',
	sh: 'bash',
	shell: 'bash',
	zsh: 'bash',
	console: 'bash',
	terminal: 'bash',
	cmd: 'bat',
	ps: 'powershell',
	ps1: 'powershell',
	yml: 'yaml',
	py: 'python',
	python3: 'python',
	rb: 'ruby',
	rs: 'rust',
	kt: 'kotlin',
	md: 'markdown',
	html5: 'html',
	dockerfile: 'docker',
	proto: 'protobuf',
	plaintext: 'text',
	txt: 'text',
	plain: 'text',
	none: 'text'
};

let highlighter: Promise<Highlighter> | undefined;

function getHighlighter(): Promise<Highlighter> {
	highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [] });
	return highlighter;
}

/** The shiki language id for a fence's info string, or `text` when shiki does not know it. */
export function resolveLanguage(lang: string | null | undefined): string {
	const name = (lang ?? '').trim().toLowerCase().split(/[\s{]/)[0];
	if (!name) return 'text';
	const id = ALIASES[name] ?? name;
	return id in bundledLanguages ? id : 'text';
}

const LABELS: Record<string, string> = {
	text: '',
	javascript: 'JavaScript',
	typescript: 'TypeScript',
	cpp: 'C++',
	csharp: 'C#',
	bash: 'Bash',
	python: 'Python',
	java: 'Java',
	go: 'Go',
	json: 'JSON',
	yaml: 'YAML',
	sql: 'SQL',
	html: 'HTML',
	css: 'CSS'
};

/** The label shown above a code block: the author's own word when shiki does not know the language. */
export function languageLabel(lang: string | null | undefined): string {
	const raw = (lang ?? '').trim().split(/[\s{]/)[0];
	const id = resolveLanguage(raw);
	if (id === 'text') return /^(text|txt|plain|plaintext|none)?$/i.test(raw) ? '' : raw.slice(0, 24);
	return LABELS[id] ?? raw;
}

const escapeHtml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The code block markup around highlighted (or plain) code, made safe inside a Svelte template. */
function codeBlock(html: string, lang: string | null | undefined): string {
	const label = languageLabel(lang);
	const head = label ? ` data-lang="${escapeHtml(label)}"` : '';
	return `<div class="code-block"${siteMark}${head}>${label ? `<span class="code-lang">${escapeHtml(label)}</span>` : ''}${html}</div>`
		.replace(/\{/g, '&#123;')
		.replace(/\}/g, '&#125;')
		.replace(/`/g, '&#96;')
		.replace(/\\/g, '&#92;');
}

/**
 * Highlights one code block at build time with both themes. The result is HTML that is safe inside a Svelte template:
 * braces, backticks and backslashes are entities, so nothing in code reaches Svelte as syntax.
 */
export async function highlightCode(code: string, lang: string | null | undefined): Promise<string> {
	const hl = await getHighlighter();
	const id = resolveLanguage(lang);
	if (id !== 'text' && !hl.getLoadedLanguages().includes(id)) {
		await hl.loadLanguage(id as BundledLanguage);
	}
	const html = hl.codeToHtml(code, {
		lang: id,
		themes: THEMES,
		defaultColor: 'light',
		// The default 500 ms per line silently stops tokenizing on a busy machine; builds must be reproducible.
		tokenizeTimeLimit: 0
	});
	return codeBlock(html, lang);
}
