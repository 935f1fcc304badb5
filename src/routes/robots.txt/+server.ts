import { base } from '$app/paths';
import { siteUrl } from '$lib/env.js';
import { absoluteUrl } from '$lib/text/urls';

export const prerender = true;
export const trailingSlash = 'never';

export const GET = () =>
	new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(siteUrl(), base, '/sitemap.xml')}\n`, {
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
