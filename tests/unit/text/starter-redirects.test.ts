// Issue 25, point 8: optional redirect pages at the SvelteKit blog starter's old post addresses (`/blog/<slug>/`).
import { readFileSync } from 'node:fs';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import RedirectPage from '../../../src/routes/blog/[slug]/+page.svelte';
import { site, starterRedirects } from '../../../src/lib/config';
import { sitemapXml, rssXml } from '../../../src/lib/text/feeds';
import { searchDocument } from '../../../src/lib/search/build-index';
import { starterPostPath, starterRedirect, starterRedirectEntries } from '../../../src/lib/text/starter-redirects';

const posts = [{ slug: 'tien-trinh' }, { slug: 'goi-thu-tuc-tu-xa-rpc' }];

describe('redirect pages at the blog starter’s addresses', () => {
	it('are off by default, read through starterRedirects()', () => {
		expect(site.starterRedirects).toBe(false);
		expect(starterRedirects()).toBe(false);
	});

	it('list every post’s slug when the setting is on, and none when it is off', () => {
		expect(starterRedirectEntries(posts, true)).toEqual([{ slug: 'tien-trinh' }, { slug: 'goi-thu-tuc-tu-xa-rpc' }]);
		expect(starterRedirectEntries(posts, false)).toEqual([]);
	});

	it('the route’s entries come from the setting, through the one helper', () => {
		const route = readFileSync('src/routes/blog/[slug]/+page.ts', 'utf8');
		expect(route).toMatch(/export const entries = \(\) => starterRedirectEntries\(posts, starterRedirects\(\)\)/);
	});

	it('point at the post’s real address, with the base path', () => {
		expect(starterPostPath('tien-trinh')).toBe('/blog/tien-trinh/');
		expect(starterRedirect('https://sv.github.io', '/my-notes', 'tien-trinh')).toEqual({
			href: '/my-notes/posts/tien-trinh/',
			canonical: 'https://sv.github.io/my-notes/posts/tien-trinh/',
			refresh: '0; url=/my-notes/posts/tien-trinh/'
		});
		expect(starterRedirect('https://sv.github.io/', '', 'a').href).toBe('/posts/a/');
	});

	it('render a refresh, a canonical link, noindex and a visible link, and nothing search would index', () => {
		const { head, body } = render(RedirectPage, {
			props: { data: { slug: 'tien-trinh', title: 'Tiến trình & luồng', siteUrl: 'https://sv.github.io' } } as never
		});
		expect(head).toContain('<meta http-equiv="refresh" content="0; url=/posts/tien-trinh/"');
		expect(head).toContain('<link rel="canonical" href="https://sv.github.io/posts/tien-trinh/"');
		expect(head).toContain('<meta name="robots" content="noindex"');
		expect(body).toMatch(/<a href="\/posts\/tien-trinh\/">Tiến trình &amp; luồng<\/a>/);
		// The search step indexes only pages with a post's marked article (build-index.ts); this page has none.
		const page = `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
		expect(page).not.toContain('data-pagefind-body');
		expect(searchDocument(page).html).toBe(page);
	});

	it('are in neither the sitemap nor the feed, which list posts by their own address', () => {
		const feedPosts = posts.map((p) => ({
			...p,
			title: p.slug,
			date: '2025-05-11',
			updated: null,
			excerpt: '',
			categories: []
		}));
		const xml = sitemapXml({ siteUrl: 'https://sv.github.io', base: '' }, feedPosts as never, [], 1);
		expect(xml).toContain('/posts/tien-trinh/');
		expect(xml).not.toContain('/blog/');
		const rss = rssXml({ ...site, siteUrl: 'https://sv.github.io', base: '' }, feedPosts as never);
		expect(rss).toContain('/posts/tien-trinh/');
		expect(rss).not.toContain('/blog/');
	});
});
