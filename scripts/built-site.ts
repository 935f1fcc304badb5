/** Facts read back from a built site's pages, for the commands that use a build (the PDFs, the preview). */

/** The canonical address a built page carries (`<link rel="canonical" href="…">`), if any. */
export function canonicalOf(html: string): string | undefined {
	return /<link\b[^>]*\brel="canonical"[^>]*\bhref="([^"]*)"/.exec(html)?.[1];
}

/** The address a build falls back to when SITE_URL is unset (src/lib/env.js). */
export const LOCAL_SITE_URL = 'http://localhost:4173';

/**
 * A warning when the site was built without SITE_URL: its pages (and the PDFs printed from them, under each title)
 * give their address as http://localhost:4173/…, which leads nowhere for a reader. Undefined when it was set.
 */
export function localAddressWarning(indexHtml: string): string | undefined {
	const canonical = canonicalOf(indexHtml);
	if (!canonical?.startsWith(LOCAL_SITE_URL)) return undefined;
	return (
		`warning: the site was built without SITE_URL, so each page, and each PDF under its title, gives its address as ` +
		`${canonical}…, which only works on this computer. Set SITE_URL to the site's public address ` +
		`(e.g. SITE_URL=https://<user>.github.io) and run \`npm run build\` again.`
	);
}
