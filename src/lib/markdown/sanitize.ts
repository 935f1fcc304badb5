/**
 * The last step of every post: its rendered HTML (after every plugin and the Svelte render, so nothing later can put
 * script back) goes through an allowlist sanitiser, hast-util-sanitize, starting from GitHub's schema. Kept: what the
 * README promises and students use (details/summary, kbd, sub/sup, br, align/width/height, tables, video/audio with
 * controls, embeds from a few hosts) and what the site itself produces (shiki, KaTeX with MathML, callouts, heading
 * anchors, footnotes). Removed: script, style, event handlers, forms, unsafe URLs. What was removed is reported.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { visit } from 'unist-util-visit';
import { EMBED_HOSTS, SAFE_SCHEMES, urlScheme } from '../text/urls.ts';

const MATHML = `math semantics annotation mrow mi mo mn ms mtext mspace msup msub msubsup mfrac msqrt mroot mover
munder munderover mtable mtr mtd mlabeledtr mstyle mpadded mphantom menclose mprescripts mmultiscripts none`.split(
	/\s+/
);
const MATHML_ATTRIBUTES = `xmlns display encoding mathvariant stretchy fence separator lspace rspace minsize maxsize
width height depth columnalign rowalign rowspacing columnspacing columnlines rowlines accent accentunder linethickness
scriptlevel displaystyle mathcolor mathbackground notation voffset movablelimits symmetric largeop`.split(/\s+/);

/** SVG shapes: what the site's diagrams draw with (markdown/diagrams.ts), and plain drawings a post may inline. */
const SVG = 'svg g path line rect circle ellipse polyline polygon text tspan defs marker'.split(' ');
/** A colour, a CSS variable or a reference inside the page (`url(#id)`): never a URL that loads something. */
const PAINT = /^(?:url\(#[\w-]+\)|(?![\s\S]*url\s*\()[^<>;\\]*)$/i;
const SVG_ATTRIBUTES = [
	...'x y dx dy x1 y1 x2 y2 cx cy r rx ry width height points d transform opacity'.split(' '),
	...'strokeWidth strokeLinejoin strokeLinecap strokeDasharray textAnchor dominantBaseline fontSize fontWeight fontStyle'.split(
		' '
	),
	...(['fill', 'stroke', 'markerEnd', 'markerStart'] as const).map((name) => [name, PAINT] as [string, RegExp])
];

/** Inline styles: the site's own (shiki colours, KaTeX layout) need them; nothing that loads, positions or hides. */
const SAFE_STYLE =
	/^(?![\s\S]*(?:url\s*\(|expression|position|behaviou?r|@import|\\|javascript:|display\s*:\s*none))[\s\S]*$/i;

// GitHub's schema allows only a few classes per element; the site styles its own markup with classes, which are inert.
const base: Schema = {
	...defaultSchema,
	attributes: Object.fromEntries(
		Object.entries(defaultSchema.attributes ?? {}).map(([tag, list]) => [
			tag,
			list.filter((d) => !(Array.isArray(d) && d[0] === 'className'))
		])
	)
};
const schema: Schema = {
	...base,
	// Heading ids, the contents box and footnotes link to ids as written; the site adds no user content prefix.
	clobber: [],
	clobberPrefix: '',
	strip: ['script', 'style', 'template', 'noscript'],
	tagNames: [
		...(base.tagNames ?? []),
		'aside',
		'figure',
		'figcaption',
		'mark',
		'abbr',
		'small',
		'u',
		'video',
		'audio',
		'track',
		'iframe',
		...SVG,
		...MATHML
	],
	attributes: {
		...base.attributes,
		// Students centre captions and colour words (`style="text-align:center"`); a style that loads, positions or
		// hides anything is removed.
		'*': [
			...(base.attributes?.['*'] ?? []),
			'className',
			'ariaHidden',
			'ariaLabel',
			'role',
			'dataLang',
			['style', SAFE_STYLE]
		],
		a: [...(base.attributes?.a ?? []), 'className', 'rel'],
		span: ['dataUnknownTag'],
		code: ['className'],
		img: [...(base.attributes?.img ?? []), 'loading', 'decoding', 'srcSet', 'sizes'],
		input: [['disabled', true], ['type', 'checkbox'], 'checked'],
		video: ['src', 'poster', 'controls', 'preload', 'loop', 'muted', 'playsInline'],
		audio: ['src', 'controls', 'preload', 'loop', 'muted'],
		source: ['src', 'srcSet', 'type', 'media', 'sizes'],
		track: ['src', 'kind', 'srcLang', 'label', 'default'],
		iframe: ['src', 'allow', 'allowFullScreen', 'loading', 'referrerPolicy', 'frameBorder'],
		...Object.fromEntries(SVG.map((name) => [name, SVG_ATTRIBUTES])),
		svg: ['xmlns', 'viewBox', 'preserveAspectRatio', ...SVG_ATTRIBUTES],
		marker: ['markerWidth', 'markerHeight', 'refX', 'refY', 'orient', ...SVG_ATTRIBUTES],
		...Object.fromEntries(MATHML.map((name) => [name, MATHML_ATTRIBUTES]))
	},
	protocols: {
		...base.protocols,
		href: SAFE_SCHEMES,
		src: ['http', 'https', 'data'],
		poster: ['http', 'https'],
		cite: ['http', 'https']
	},
	required: { input: { disabled: true, type: 'checkbox' } }
};

/**
 * Every element name HTML, SVG and MathML define. A name outside this list (`<warning>`, `<responsive-image>`) is an
 * unknown element: a browser shows its content and runs nothing, so the sanitiser keeps it as the browser would.
 */
const STANDARD = new Set(
	`a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body br
button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed
fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image
img input ins isindex kbd keygen label legend li link listing main map mark marquee math menu menuitem meta meter nav
nobr noembed noframes noscript object ol optgroup option output p param picture plaintext portal pre progress q rb rp
rt rtc ruby s samp script search section select slot small source spacer span strike strong style sub summary sup svg
table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp animate animatemotion
animatetransform circle clippath defs desc ellipse feblend filter foreignobject g line lineargradient marker mask
metadata mpath path pattern polygon polyline radialgradient rect set stop switch symbol text textpath tspan use view`
		.split(/\s+/)
		.concat(MATHML)
);
const isUnknown = (name: unknown) => typeof name === 'string' && /^[a-z][a-z0-9-]*$/.test(name) && !STANDARD.has(name);

const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif|svg\+xml)[;,]/i;

/** What an element is, for a report: `<script>`, `onerror=`, `javascript: URL`. */
function inventory(tree: Root): Map<string, number> {
	const found = new Map<string, number>();
	const add = (what: string) => found.set(what, (found.get(what) ?? 0) + 1);
	visit(tree, 'element', (node: Element) => {
		add(`<${node.tagName}>`);
		for (const [key, value] of Object.entries(node.properties ?? {})) {
			if (/^on/i.test(key)) add(`${key.toLowerCase()}=`);
			else if (key === 'style') add('style=');
			else if (key === 'srcDoc') add('srcdoc=');
			if (
				(key === 'href' || key === 'src' || key === 'action' || key === 'formAction' || key === 'poster') &&
				typeof value === 'string'
			) {
				const scheme = urlScheme(value);
				if (scheme && !SAFE_SCHEMES.includes(scheme)) add(`${scheme}: URL`);
			}
		}
	});
	return found;
}

export interface Sanitized {
	html: string;
	/** What was removed, e.g. `<script>`, `onerror=`, `javascript: URL`, `<iframe> from evil.example`. */
	removed: string[];
}

/** Sanitises the rendered body of a post. */
export function sanitizePost(html: string): Sanitized {
	const tree = fromHtml(html, { fragment: true });
	const before = inventory(tree);
	// Unknown elements pass as spans that remember their name (checked again on the way back: never a real element).
	visit(tree, 'element', (node: Element) => {
		delete node.properties.dataUnknownTag;
		if (isUnknown(node.tagName)) [node.properties.dataUnknownTag, node.tagName] = [node.tagName, 'span'];
	});
	const clean = sanitize(tree, schema) as Root;
	visit(clean, 'element', (node: Element) => {
		const name = node.properties.dataUnknownTag;
		delete node.properties.dataUnknownTag;
		if (isUnknown(name)) node.tagName = name as string;
	});
	const extra: string[] = [];
	visit(clean, 'element', (node: Element, index, parent) => {
		const props = node.properties ?? {};
		// data: only for pictures in <img>.
		for (const key of ['src', 'poster'] as const) {
			const value = props[key];
			if (
				typeof value === 'string' &&
				/^\s*data:/i.test(value) &&
				!(node.tagName === 'img' && DATA_IMAGE.test(value))
			) {
				delete props[key];
				extra.push('data: URL');
			}
		}
		if (node.tagName === 'iframe') {
			let host = '';
			try {
				const url = new URL(String(props.src ?? ''));
				if (url.protocol === 'https:') host = url.hostname;
			} catch {
				// not a URL: removed below
			}
			if (!EMBED_HOSTS.includes(host) && parent && index !== undefined) {
				parent.children.splice(index, 1);
				extra.push(`<iframe> from ${host || String(props.src ?? 'nowhere').slice(0, 60)}`);
				return index;
			}
			props.loading ??= 'lazy';
		}
	});
	const after = inventory(clean);
	const removed: string[] = [];
	for (const [what, n] of before) {
		const left = after.get(what) ?? 0;
		// Styles that are not safe are removed; the site's own are kept, so only report what went.
		if (n > left) removed.push(what);
	}
	removed.push(...new Set(extra));
	return { html: toHtml(clean, { allowDangerousCharacters: false }), removed: [...new Set(removed)] };
}
