import { base } from '$app/paths';
import { siteUrl } from '$lib/env.js';
import { categories, pageCount, posts } from '$lib/site/content';
import { sitemapXml } from '$lib/text/feeds';

export const prerender = true;
export const trailingSlash = 'never';

export const GET = () =>
	new Response(sitemapXml({ siteUrl: siteUrl(), base }, posts, categories, pageCount(), ['/muc-luc/', '/search/']), {
		headers: { 'content-type': 'application/xml; charset=utf-8' }
	});
