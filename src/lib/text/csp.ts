/**
 * The Content Security Policy of every page, as a `<meta http-equiv>` tag (static hosts such as GitHub Pages cannot set
 * headers). Scripts run only from the site itself and from inline scripts whose sha256 is listed, so even HTML that got
 * past every other step could not run script. Inline styles stay allowed: shiki colours and KaTeX's layout are style
 * attributes.
 */
import { createHash } from 'node:crypto';
import { EMBED_HOSTS } from './urls.ts';

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** `'sha256-…'` of every inline script of a page, in order of appearance, without repeats. */
export function scriptHashes(html: string): string[] {
	const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
		(m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`
	);
	return [...new Set(hashes)];
}

/** The policy of one page; `wasm` for the search page, whose index runs WebAssembly. */
export function contentSecurityPolicy(html: string, options: { wasm?: boolean } = {}): string {
	return [
		"default-src 'self'",
		`script-src 'self' ${scriptHashes(html).join(' ')}${options.wasm ? " 'wasm-unsafe-eval'" : ''}`.trim(),
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' https: data:",
		// Vite inlines the smallest font subsets as data: URLs.
		"font-src 'self' data:",
		"media-src 'self' https:",
		`frame-src ${EMBED_HOSTS.map((h) => `https://${h}`).join(' ')}`,
		"connect-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'self'"
	].join('; ');
}

/** The page with its policy as the first tag after `<meta charset>`, before anything it governs. */
export function withContentSecurityPolicy(html: string, options: { wasm?: boolean } = {}): string {
	const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(html, options)}">`;
	const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
	if (charset)
		return html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
	return html.replace(/<head[^>]*>/i, (head) => head + meta);
}
