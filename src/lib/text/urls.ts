/** Internal URLs, all built from one base path (`''` or `/my-notes`) so sub-path deploys never escape it. */
export function withBase(base: string, path: string): string {
	if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path) || path.startsWith('#')) return path;
	const clean = path.startsWith('/') ? path : `/${path}`;
	if (base && (clean === base || clean.startsWith(`${base}/`))) return clean;
	return `${base}${clean}`;
}

export const postPath = (slug: string) => `/posts/${slug}/`;
export const categoryPath = (slug: string) => `/categories/${slug}/`;
export const listingPath = (page: number) => (page <= 1 ? '/' : `/page/${page}/`);

/** An absolute URL for feeds, canonical links and the sitemap. */
export function absoluteUrl(siteUrl: string, base: string, path: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
	return siteUrl.replace(/\/+$/, '') + withBase(base, path);
}
