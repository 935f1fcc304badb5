/**
 * The optional pages at the SvelteKit blog starter's old post addresses (`/blog/<slug>/`), which send a reader on to
 * the post's address here (`/posts/<slug>/`): `starterRedirects` in src/lib/config.ts. Pure, so the route stays thin.
 */
import { absoluteUrl, postPath, withBase } from './urls.ts';

/** The address the blog starter gave a post: `/blog/<slug>/`. */
export const starterPostPath = (slug: string) => `/blog/${slug}/`;

/** The `entries` of the redirect route: every post's slug when the setting is on, none when it is off. */
export function starterRedirectEntries(posts: readonly { slug: string }[], on: boolean): { slug: string }[] {
	return on ? posts.map((p) => ({ slug: p.slug })) : [];
}

/** What a redirect page needs to point at its post. */
export interface StarterRedirect {
	/** The post's path with the base path (`/my-notes/posts/x/`): the link and the refresh target. */
	href: string;
	/** The post's absolute address under SITE_URL, as its own page gives it (`<link rel="canonical">`). */
	canonical: string;
	/** The `content` of `<meta http-equiv="refresh">`: at once, to `href`. */
	refresh: string;
}

/**
 * Where the redirect page for `slug` sends the reader. The refresh and the link use the path, not the absolute URL,
 * so they work on whatever host serves the site even when SITE_URL was not set for the build.
 */
export function starterRedirect(siteUrl: string, base: string, slug: string): StarterRedirect {
	const href = withBase(base, postPath(slug));
	return { href, canonical: absoluteUrl(siteUrl, base, postPath(slug)), refresh: `0; url=${href}` };
}
