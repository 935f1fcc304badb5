/** Feed and sitemap XML from the post index, with the field's libraries doing the escaping (feed, xml-js). */
import { Feed } from 'feed';
import { js2xml } from 'xml-js';
import { CONTROL_CHARS } from './control.ts';
import { dayToDate, type CalendarDay } from './date.ts';
import { absoluteUrl, categoryPath, listingPath, postPath } from './urls.ts';

/** What a feed and a sitemap need of a post (the index's entries have it); this layer knows no more of content. */
export interface FeedPost {
	slug: string;
	title: string;
	excerpt: string;
	date: CalendarDay | null;
	updated: CalendarDay | null;
	author?: string;
	coverImage?: string;
	categories: { name: string; slug: string }[];
}

export interface FeedSite {
	title: string;
	description: string;
	author: string;
	siteUrl: string;
	base: string;
	lang: string;
}

/**
 * Text as XML 1.0 can carry it: the content stage removes control characters already (with a warning), but a title
 * taken from a heading or a file name comes another way, and one such character makes the whole feed unreadable.
 */
const xmlText = (text: string) => text.replace(CONTROL_CHARS, '');
const xmlOptional = (text: string | undefined) => (text === undefined ? undefined : xmlText(text));

/** RSS 2.0 with every published post, newest first; all URLs absolute and under the base path. */
export function rssXml(site: FeedSite, posts: FeedPost[]): string {
	const home = absoluteUrl(site.siteUrl, site.base, '/');
	const newest = posts.find((p) => p.date);
	const feed = new Feed({
		title: xmlText(site.title),
		description: xmlText(site.description),
		id: home,
		link: home,
		language: site.lang,
		copyright: xmlText(site.author),
		updated: newest ? dayToDate(newest.updated ?? newest.date!) : undefined,
		generator: 'course-notes',
		feedLinks: { rss: absoluteUrl(site.siteUrl, site.base, '/rss.xml') },
		author: { name: xmlText(site.author) }
	});
	for (const post of posts) {
		const link = xmlText(absoluteUrl(site.siteUrl, site.base, postPath(post.slug)));
		feed.addItem({
			title: xmlText(post.title),
			id: link,
			link,
			description: xmlText(post.excerpt),
			date: dayToDate(post.date ?? post.updated ?? '1970-01-01'),
			author: post.author ? [{ name: xmlText(post.author) }] : undefined,
			category: post.categories.map((c) => ({
				name: xmlText(c.name),
				domain: xmlText(absoluteUrl(site.siteUrl, site.base, categoryPath(c.slug)))
			})),
			image: xmlOptional(post.coverImage ? absoluteUrl(site.siteUrl, site.base, post.coverImage) : undefined)
		});
	}
	return feed.rss2();
}

/** Every page of the site, for search engines. */
export function sitemapXml(
	site: Pick<FeedSite, 'siteUrl' | 'base'>,
	posts: FeedPost[],
	categories: { slug: string }[],
	pageCount: number,
	extraPaths: string[] = []
): string {
	const entry = (path: string, lastmod?: string | null) => ({
		type: 'element',
		name: 'url',
		elements: [
			{
				type: 'element',
				name: 'loc',
				elements: [{ type: 'text', text: xmlText(absoluteUrl(site.siteUrl, site.base, path)) }]
			},
			...(lastmod ? [{ type: 'element', name: 'lastmod', elements: [{ type: 'text', text: lastmod }] }] : [])
		]
	});
	const urls = [
		...Array.from({ length: pageCount }, (_, i) =>
			entry(listingPath(i + 1), i === 0 ? (posts[0]?.updated ?? posts[0]?.date) : undefined)
		),
		...posts.map((p) => entry(postPath(p.slug), p.updated ?? p.date)),
		entry('/categories/'),
		...categories.map((c) => entry(categoryPath(c.slug))),
		...extraPaths.map((p) => entry(p))
	];
	return js2xml(
		{
			declaration: { attributes: { version: '1.0', encoding: 'UTF-8' } },
			elements: [
				{
					type: 'element',
					name: 'urlset',
					attributes: { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
					elements: urls
				}
			]
		},
		{ spaces: 1 }
	);
}
