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

/** `https://x.vn//` → `https://x.vn`; a loop, since `/\/+$/` reads a long run of slashes again from each of them. */
export function withoutTrailingSlashes(url: string): string {
	let end = url.length;
	while (end > 0 && url[end - 1] === '/') end--;
	return url.slice(0, end);
}

/** An absolute URL for feeds, canonical links and the sitemap. */
export function absoluteUrl(siteUrl: string, base: string, path: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
	return withoutTrailingSlashes(siteUrl) + withBase(base, path);
}

/** The one path encoder: each segment percent-encoded (`/media/hình/sơ đồ.png` → `/media/h%C3%ACnh/s%C6%A1%20…`). */
export const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * The one URL decoder: `hinh/%E1%BA%A3nh.png` → `hinh/ảnh.png`. A malformed escape (`%E0%A4%A`) is kept as written
 * instead of throwing.
 */
export function decodeUrl(url: string): string {
	try {
		return decodeURIComponent(url);
	} catch {
		return url.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
			try {
				return decodeURIComponent(run);
			} catch {
				return run;
			}
		});
	}
}

/**
 * A URL with every malformed escape (`%E0%A4%A`) written as the literal text it is (`%25E0%25A4%25A`), so that a
 * browser, or the prerender crawler, can always decode it. Valid URLs are returned unchanged.
 */
export function repairEscapes(url: string): string {
	try {
		decodeURI(url);
		decodeURIComponent(url.slice(url.indexOf('#') + 1));
		return url;
	} catch {
		return url.replace(/(?:%[0-9a-f]{2})+|%/gi, (run) => {
			try {
				decodeURIComponent(run);
				return run;
			} catch {
				return run.replace(/%/g, '%25');
			}
		});
	}
}

/** Control characters and spaces, which browsers skip inside a URL's scheme (`java\tscript:`). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0020]/g;

/** The scheme of a URL as a browser reads it (`JaVa\tScRiPt:x` → `javascript`), or undefined for a relative URL. */
export function urlScheme(url: string): string | undefined {
	return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(CONTROL, ''))?.[1]?.toLowerCase();
}

/** The schemes a post may link to; anything else (javascript:, vbscript:, data:, …) is not published. */
export const SAFE_SCHEMES = ['http', 'https', 'mailto', 'tel'];

/** Hosts whose embeds a post may show in an `<iframe>` (https only); the Content Security Policy allows the same. */
export const EMBED_HOSTS = [
	'www.youtube.com',
	'youtube.com',
	'www.youtube-nocookie.com',
	'player.vimeo.com',
	'docs.google.com',
	'drive.google.com',
	'forms.gle',
	'www.google.com'
];
