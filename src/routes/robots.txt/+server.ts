import { base } from '$app/paths';
import { siteUrl } from '$lib/env.js';
import { absoluteUrl } from '$lib/text/urls';

export const prerender = true;
export const trailingSlash = 'never';

/**
 * Crawlers read robots.txt only at the root of an origin (https://sv.github.io/robots.txt). A site without a base path
 * is at that root; one under a sub-path (a GitHub Pages project site) writes the file too, but it is never read there,
 * so the file says so and the build prints a note: the owner of the origin's root (the user site) is where it belongs.
 */
export const GET = () => {
	const sitemap = absoluteUrl(siteUrl(), base, '/sitemap.xml');
	let note = '';
	if (base) {
		note =
			`# This site is under ${base}/, and crawlers read robots.txt only at the root of the origin (/robots.txt).\n` +
			`# To use these lines, copy them into the robots.txt at that root (the user or organisation site).\n\n`;
		console.log(
			`note: robots.txt is written at ${base}/robots.txt, where crawlers do not look (they read /robots.txt at ` +
				`the origin's root); copy its lines into the root site's robots.txt to use them. The sitemap is ${sitemap}.`
		);
	}
	return new Response(`${note}User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};
