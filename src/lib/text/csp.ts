/**
 * The Content Security Policy of every page, as a `<meta http-equiv>` tag (static hosts such as GitHub Pages cannot set
 * headers). Scripts run only from the site itself and from the site's own inline scripts, whose sha256 is computed from
 * their source (the theme script of `src/app.html` and `site-script.js`), never found by reading a page: nothing a post
 * puts into a page can widen the policy. Inline styles stay allowed: shiki colours and KaTeX's layout are style
 * attributes.
 */
import { createHash } from 'node:crypto';
import { EMBED_HOSTS } from './urls.ts';

/** `'sha256-…'` of each inline script's text, in order, without repeats. */
export function scriptHashes(sources: string[]): string[] {
	const hashes = sources.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
	return [...new Set(hashes)];
}

export interface PolicyOptions {
	/** The text of every inline script the site's own layout writes (see siteScripts in content/site-scripts.ts). */
	scripts: string[];
	/** The search page, whose index runs WebAssembly. */
	wasm?: boolean;
}

/** The policy of one page. */
export function contentSecurityPolicy(options: PolicyOptions): string {
	return [
		"default-src 'self'",
		`script-src 'self' ${scriptHashes(options.scripts).join(' ')}${options.wasm ? " 'wasm-unsafe-eval'" : ''}`.trim(),
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
export function withContentSecurityPolicy(html: string, options: PolicyOptions): string {
	const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options)}">`;
	const charset = /<meta charset="[^"]*"\s*\/?>/i.exec(html);
	if (charset)
		return html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
	// After the first `<head…>` tag, found with indexOf (`/<head[^>]*>/` reads to the end again from every `<head`).
	const head = html.search(/<head/i);
	const end = head < 0 ? -1 : html.indexOf('>', head);
	return end < 0 ? html : html.slice(0, end + 1) + meta + html.slice(end + 1);
}
