/**
 * The markup of a picture, written once for covers, listing thumbnails and images in posts: `<picture>` with AVIF and
 * WebP sources at several widths, an `<img>` with its real width and height (so nothing moves while it loads), lazy
 * loading except for the first picture above the fold, and a quiet placeholder for an image the build knows is missing.
 * Pure: URLs come in without the base path and go out through the `withBase` given.
 */

import { decodeUrl } from './urls.ts';

/** One local image as the build processed it. URLs are site paths without the base path. */
export interface Picture {
	/** The image the `<img>` falls back to (the original file, or its largest WebP when the original is huge). */
	src: string;
	width: number;
	height: number;
	/** `<source>` elements, best format first: `{ type: 'image/avif', srcset: [[url, width], …] }`. */
	sources: { type: string; srcset: [string, number][] }[];
	/** Candidates for the `<img>` itself (WebP, or the original for SVG and GIF, which are passed through). */
	srcset: [string, number][];
	/** A picture on a white or very light background: toned down a little in dark mode. */
	light?: boolean;
}

/** What the page knows about an image URL: a processed picture, or `missing` when the build found no file. */
export type ImageFact = Picture | 'missing';

/** How wide each kind of picture is shown: the text column (46rem), or the listing thumbnail (11rem, full width on phones). */
export const SIZES = {
	column: '(max-width: 48rem) calc(100vw - 2rem), 46rem',
	thumbnail: '(max-width: 40rem) calc(100vw - 2rem), 11rem'
} as const;

export interface PictureOptions {
	alt: string;
	sizes: string;
	/** The first picture above the fold: loaded at once with `fetchpriority="high"`. */
	priority?: boolean;
	className?: string;
	/** The size the author asked for (`<img width="300">`): the height follows the picture's proportions. */
	width?: number;
	/** Attributes of the author's `<img>` kept as written (`title`, `style`, `align`), already escaped. */
	extra?: string;
	withBase: (path: string) => string;
}

const escapeAttr = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const srcsetOf = (list: [string, number][], withBase: (p: string) => string) =>
	list.map(([url, w]) => `${withBase(url)} ${w}w`).join(', ');

/** `<picture>` markup for a processed image. */
export function pictureHtml(p: Picture, o: PictureOptions): string {
	const width = o.width && o.width > 0 ? Math.round(o.width) : p.width;
	const height = Math.max(1, Math.round((p.height * width) / p.width));
	// Shown smaller than the column when the author asked for a width.
	const sizes = o.width ? `min(${width}px, calc(100vw - 2rem))` : o.sizes;
	const classes = [o.className, p.light ? 'light-bg' : ''].filter(Boolean).join(' ');
	const sources = p.sources
		.map((s) => `<source type="${s.type}" srcset="${escapeAttr(srcsetOf(s.srcset, o.withBase))}" sizes="${sizes}">`)
		.join('');
	const attrs = [
		`src="${escapeAttr(o.withBase(p.src))}"`,
		`srcset="${escapeAttr(srcsetOf(p.srcset, o.withBase))}"`,
		`sizes="${sizes}"`,
		`alt="${escapeAttr(o.alt)}"`,
		o.extra ?? '',
		`width="${width}"`,
		`height="${height}"`,
		classes ? `class="${escapeAttr(classes)}"` : '',
		o.priority ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"',
		'decoding="async"'
	].filter(Boolean);
	const img = `<img ${attrs.join(' ')}>`;
	return sources ? `<picture>${sources}${img}</picture>` : img;
}

/** A missing image: its alt text in a quiet box, and no request for it. */
export function missingImageHtml(alt: string, className?: string): string {
	const label = alt.trim() || 'Hình ảnh';
	return `<span class="img-missing${className ? ` ${escapeAttr(className)}` : ''}" role="img" aria-label="${escapeAttr(`${label} (thiếu hình)`)}"><span aria-hidden="true">${escapeAttr(label)}</span></span>`;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };
const decodeEntities = (s: string) =>
	s.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|lt|gt|apos);/gi, (m, e: string) => {
		if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
		const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
		return Number.isFinite(code) ? String.fromCodePoint(code) : m;
	});

/** The attributes of one start tag as the sanitiser writes them (`name="value"` or a bare `name`), decoded. */
export function tagAttributes(tag: string): Map<string, string> {
	const attrs = new Map<string, string>();
	for (const m of tag.matchAll(/\s([a-zA-Z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g))
		attrs.set(m[1].toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
	return attrs;
}

export interface RewriteOptions {
	/** What the build knows about a site path (already decoded, without the base path). */
	lookup: (path: string) => ImageFact | undefined;
	base: string;
	withBase: (path: string) => string;
	/** Whether the first image may take the priority (no cover above it). */
	firstIsPriority: boolean;
}

/**
 * Rewrites the `<img>` tags of a rendered post: local images become `<picture>`s with real sizes, missing ones become
 * placeholders, remote ones load lazily in a box that keeps its place if they fail. The HTML comes from the sanitiser,
 * whose output is regular: each tag is `<img` and double-quoted attributes.
 */
export function rewriteImages(html: string, o: RewriteOptions): string {
	let first = o.firstIsPriority;
	// Quoted values may hold `>` (hast-util-to-html writes `alt="a > b"` as it is); a tag never holds a bare `<`, so a
	// `<img` that is not a tag is given up at the next `<` instead of at the end of the post.
	return html.replace(/<img\b(?:[^<>"']|"[^"]*"|'[^']*')*>/gi, (tag) => {
		const attrs = tagAttributes(tag);
		const src = attrs.get('src') ?? '';
		const alt = attrs.get('alt') ?? '';
		const own = attrs.get('class');
		if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(src)) {
			if (/^data:/i.test(src)) return tag;
			first = false;
			const extra = [
				attrs.has('loading') ? '' : ' loading="lazy"',
				attrs.has('decoding') ? '' : ' decoding="async"',
				attrs.has('width') && attrs.has('height') ? '' : ' data-remote=""'
			].join('');
			return tag.replace(/^<img\b/i, `<img${extra}`);
		}
		let path = src.split(/[?#]/)[0];
		if (o.base && (path === o.base || path.startsWith(`${o.base}/`))) path = path.slice(o.base.length);
		const fact = o.lookup(decodeUrl(path));
		if (!fact) return tag;
		if (fact === 'missing') return missingImageHtml(alt, own);
		const priority = first;
		first = false;
		const extra = ['title', 'style', 'align']
			.filter((name) => attrs.has(name))
			.map((name) => `${name}="${escapeAttr(attrs.get(name)!)}"`)
			.join(' ');
		return pictureHtml(fact, {
			alt,
			sizes: SIZES.column,
			priority,
			className: own,
			width: Number(attrs.get('width')) || undefined,
			extra,
			withBase: o.withBase
		});
	});
}
