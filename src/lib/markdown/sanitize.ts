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
import postcss from 'postcss';
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

/** Inline styles, read by a CSS parser; the schema only asks that the attribute holds no escapes or comments. */
const SAFE_STYLE = /^[^\\<>]*$/;

const COLOUR =
	/^(?:#[\da-f]{3,8}|(?!transparent$)[a-z]{3,20}|(?:rgba?|hsla?)\(\s*[\d.%]+(?:[^\S ]*(?: \s*(?:[,/]\s*)?|[,/]\s*)[\d.%]+){2,3}\s*\))$/i;
/** A length of at most `max` em (or its size in px), never relative to the window (vw, vh) or computed (calc). */
const length = (maxEm: number, negative: boolean) => (value: string) => {
	const m = /^(-?)(\d+(?:\.\d+)?|\.\d+)(em|ex|rem|px|%)?$/.exec(value);
	if (!m || (m[1] && !negative)) return false;
	const n = Number(m[2]);
	if (n === 0) return true;
	if (m[3] === '%') return !m[1] && n <= 100;
	return m[3] !== undefined && (m[3] === 'px' ? n / 16 : n) <= maxEm;
};
const oneOf =
	(...words: string[]) =>
	(value: string) =>
		words.includes(value.toLowerCase());
const words =
	(...allowed: string[]) =>
	(value: string) =>
		value
			.toLowerCase()
			.split(/\s+/)
			.every((w) => allowed.includes(w) || COLOUR.test(w));
/**
 * The style properties a post keeps, each with the values it may take: colour, background colour, alignment, weight,
 * style and decoration for authors; the lengths KaTeX lays out formulas with, in em and bounded; shiki's colour
 * variables. Nothing that positions, transforms, hides or loads anything: a post's styles stay inside the post.
 */
const STYLE_PROPERTIES: Record<string, (value: string) => boolean> = {
	color: (v) => COLOUR.test(v),
	'background-color': (v) => COLOUR.test(v),
	'text-align': oneOf('left', 'right', 'center', 'justify', 'start', 'end'),
	'font-weight': oneOf(
		'normal',
		'bold',
		'bolder',
		'lighter',
		'100',
		'200',
		'300',
		'400',
		'500',
		'600',
		'700',
		'800',
		'900'
	),
	'font-style': oneOf('normal', 'italic', 'oblique'),
	'font-variant': oneOf('normal', 'small-caps'),
	'text-decoration': words(
		'none',
		'underline',
		'overline',
		'line-through',
		'solid',
		'double',
		'dotted',
		'dashed',
		'wavy'
	),
	'text-decoration-line': words('none', 'underline', 'overline', 'line-through'),
	'text-decoration-color': (v) => COLOUR.test(v),
	'text-decoration-style': oneOf('solid', 'double', 'dotted', 'dashed', 'wavy'),
	'white-space': oneOf('normal', 'nowrap', 'pre', 'pre-wrap', 'pre-line'),
	'vertical-align': (v) => oneOf('baseline', 'top', 'middle', 'bottom', 'sub', 'super')(v) || length(20, true)(v),
	// KaTeX's layout (em lengths within its own boxes), and sizes of pictures and table cells.
	height: length(100, false),
	width: length(100, false),
	'min-width': length(100, false),
	'max-width': length(100, false),
	'margin-left': length(5, true),
	'margin-right': length(5, true),
	top: length(20, true),
	'border-bottom-width': length(1, false),
	'border-right-width': length(1, false),
	'border-top-width': length(1, false),
	'padding-left': length(5, false),
	'padding-right': length(5, false),
	'padding-top': length(5, false),
	'padding-bottom': length(5, false)
};
const SHIKI_VARIABLE = /^--shiki-(?:light|dark)(?:-bg|-font-style|-font-weight|-text-decoration)?$/;

/** A style attribute with only the declarations a post may keep; `undefined` when none is left. */
function safeStyle(style: string): { style?: string; dropped: boolean } {
	let root: postcss.Root;
	try {
		root = postcss.parse(style);
	} catch {
		return { dropped: true };
	}
	const kept: string[] = [];
	let dropped = false;
	for (const node of root.nodes) {
		if (node.type !== 'decl') {
			dropped ||= node.type !== 'comment';
			continue;
		}
		const prop = node.prop.toLowerCase();
		const value = node.value.trim();
		const ok = SHIKI_VARIABLE.test(node.prop)
			? COLOUR.test(value) || /^(?:italic|bold|normal|underline|none)$/.test(value)
			: !node.important && STYLE_PROPERTIES[prop]?.(value);
		if (ok) kept.push(`${node.prop}:${value}`);
		else dropped = true;
	}
	return { style: kept.length ? kept.join(';') : undefined, dropped };
}

/** Features an embedded player may use; camera, microphone, location and the like are never granted. */
const FRAME_FEATURES = new Set(
	'accelerometer autoplay clipboard-write encrypted-media fullscreen gyroscope picture-in-picture web-share'.split(' ')
);

/** Names and ids a post gives elements that a document looks up by name (`document.x`), prefixed as GitHub does. */
const CLOBBER_PREFIX = 'user-content-';
const prefixed = (value: string) => (value.startsWith(CLOBBER_PREFIX) ? value : CLOBBER_PREFIX + value);

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
		if (typeof props.style === 'string') {
			// Kept as written when every declaration may stay (the site's own styles, most authors' colours).
			const { style, dropped } = safeStyle(props.style);
			if (dropped) {
				if (style === undefined) delete props.style;
				else props.style = style;
				extra.push('style=');
			}
		}
		// `<iframe name=querySelector>` would replace document.querySelector for the site's script.
		if (typeof props.name === 'string') props.name = prefixed(props.name);
		if (node.tagName === 'img' && typeof props.id === 'string') props.id = prefixed(props.id);
		if (node.tagName === 'iframe') {
			if (typeof props.allow === 'string') {
				const allowed = props.allow
					.split(';')
					.map((f) => f.trim())
					.filter((f) => FRAME_FEATURES.has(f.split(/\s+/)[0].toLowerCase()) && !/['"*]/.test(f));
				if (allowed.length) props.allow = allowed.join('; ');
				else delete props.allow;
			}
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
