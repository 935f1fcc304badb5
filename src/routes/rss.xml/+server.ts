import { base } from '$app/paths';
import { site } from '$lib/config';
import { siteUrl } from '$lib/env.js';
import { posts } from '$lib/site/content';
import { rssXml } from '$lib/text/feeds';

export const prerender = true;
export const trailingSlash = 'never';

export const GET = () =>
	new Response(rssXml({ ...site, siteUrl: siteUrl(), base }, posts), {
		headers: { 'content-type': 'application/rss+xml; charset=utf-8' }
	});
