/**
 * SVG files that the site publishes (beside posts, and in static/) are documents of the site's origin: opened
 * directly, their script runs as the site. So each is parsed (hast-util-from-html reads SVG as foreign content),
 * cleaned with an allowlist (hast-util-sanitize: shapes, text, gradients, filters, markers and references to `#ids`
 * inside the file), and serialised again as XML; what is published is always that serialisation, never the author's
 * bytes, so no difference between our parser and the browser's XML parser can carry script through. A file that does
 * not read as one SVG drawing is not published.
 */
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { xml2js } from 'xml-js';

/** Larger SVG files are not published: parsing one costs memory in every build that links it. */
export const SVG_MAX_BYTES = 3 * 1024 * 1024;

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

const words = (s: string) => s.trim().split(/\s+/);

/** Drawing elements. No script, foreignObject, animation (`<set>`/`<animate>` can rewrite an `href`), feImage. */
const TAGS = words(`svg g defs symbol use title desc switch a view style
	path rect circle ellipse line polyline polygon text tspan textPath image marker pattern clipPath mask
	linearGradient radialGradient stop filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
	feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
	feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
	feTurbulence`);

/** Presentation and geometry properties (hast names), on any element. No event handler, no `data-*`. */
const ATTRIBUTES = words(`id className style lang xmlLang xmlSpace role ariaLabel ariaHidden ariaLabelledBy
	ariaDescribedBy focusable tabIndex systemLanguage requiredFeatures
	x y x1 y1 x2 y2 cx cy r rx ry fx fy fr dx dy d points width height viewBox preserveAspectRatio transform rotate
	pathLength textLength lengthAdjust startOffset method spacing side offset version baseProfile
	fill fillOpacity fillRule stroke strokeWidth strokeOpacity strokeDashArray strokeDashOffset strokeLineCap
	strokeLineJoin strokeMiterLimit opacity clipPath clipRule mask filter color display visibility overflow
	fontFamily fontSize fontSizeAdjust fontWeight fontStyle fontVariant fontStretch textAnchor dominantBaseline
	alignmentBaseline baselineShift letterSpacing wordSpacing textDecoration writingMode direction unicodeBidi
	markerStart markerMid markerEnd stopColor stopOpacity vectorEffect shapeRendering textRendering imageRendering
	colorInterpolation colorInterpolationFilters paintOrder floodColor floodOpacity lightingColor
	gradientUnits gradientTransform spreadMethod patternUnits patternContentUnits patternTransform clipPathUnits
	maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY orient filterUnits primitiveUnits
	in in2 result stdDeviation mode operator k1 k2 k3 k4 values type tableValues slope intercept amplitude exponent
	offset baseFrequency numOctaves seed stitchTiles scale xChannelSelector yChannelSelector radius
	surfaceScale diffuseConstant specularConstant specularExponent kernelMatrix kernelUnitLength order divisor bias
	targetX targetY edgeMode preserveAlpha azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle`);

/** A reference inside the file; an `<image>` may also embed a raster picture. Never another document. */
const INTERNAL = /^#[^\s#]*$/;
const EMBEDDED_PICTURE = /^data:image\/(?:png|jpeg|gif|webp);base64,[\s\w+/=]*$/i;

const schema: Schema = {
	tagNames: TAGS,
	attributes: {
		'*': [...ATTRIBUTES, ['href', INTERNAL], ['xLinkHref', INTERNAL]],
		svg: ['xmlns', 'xmlnsXLink'],
		image: [
			['href', INTERNAL, EMBEDDED_PICTURE],
			['xLinkHref', INTERNAL, EMBEDDED_PICTURE]
		]
	},
	// Every key is given: a missing one would be taken from GitHub's HTML schema.
	ancestors: {},
	protocols: {},
	required: {},
	// Ids stay as written: gradients, markers and `<use>` refer to them.
	clobber: [],
	clobberPrefix: '',
	strip: ['script', 'foreignObject', 'iframe', 'object', 'embed', 'template', 'noscript', 'metadata', 'set'],
	allowComments: false,
	allowDoctypes: false
};

/** A value that loads something (any `url()` but `url(#id)`, `image-set()`) or runs something. */
const LOADS = /url\s*\(\s*(?!['"]?#)|image-set\s*\(|expression\s*\(|-moz-binding|behaviou?r\s*:|javascript:/i;
/**
 * CSS that loads or runs something, or hides it in escapes (`\75rl(`); also text that would end a `<style>` element
 * or not be well-formed XML there, since hast-util-to-html writes a `<style>`'s text as it is.
 */
const UNSAFE_CSS =
	/url\s*\(\s*(?!['"]?#)|image-set\s*\(|expression\s*\(|-moz-binding|behaviou?r\s*:|javascript:|@import|\\|<|&|]]>/i;

export type SvgResult =
	{ ok: true; svg: string; removed: string[] } | { ok: false; reason: string; removed?: undefined };

const isElement = (node: Nodes): node is Element => node.type === 'element';

function* elements(node: Nodes): Generator<Element> {
	if (isElement(node)) yield node;
	if ('children' in node) for (const child of node.children) yield* elements(child);
}

/** What a tree holds, to name what cleaning removed: each element, and each property of each element. */
function inventory(tree: Root): Map<string, number> {
	const seen = new Map<string, number>();
	const add = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
	for (const el of elements(tree)) {
		add(`<${el.tagName}>`);
		for (const key of Object.keys(el.properties)) add(`${key} on <${el.tagName}>`);
	}
	return seen;
}

/** Removes what the allowlist cannot judge by name: unsafe CSS and values, HTML inside `<title>`/`<desc>`. */
function prune(tree: Root): void {
	for (const el of elements(tree)) {
		for (const [key, value] of Object.entries(el.properties)) {
			const text = Array.isArray(value) ? value.join(' ') : String(value);
			// A `<` in an attribute value is not well-formed XML, and hast-util-to-html writes it as it is.
			if (key === 'style' ? UNSAFE_CSS.test(text) : LOADS.test(text) || text.includes('<')) delete el.properties[key];
		}
		if (el.tagName === 'title' || el.tagName === 'desc') el.children = [{ type: 'text', value: toString(el) }];
		el.children = el.children.filter(
			(child) => !(isElement(child) && child.tagName === 'style' && UNSAFE_CSS.test(toString(child)))
		);
	}
}

/** Parses an SVG file, removes what could run, load or link elsewhere, and returns it as XML, or why it cannot. */
export function sanitizeSvg(input: Buffer | string): SvgResult {
	if (input.length > SVG_MAX_BYTES) return { ok: false, reason: `it is larger than ${SVG_MAX_BYTES / 1024 / 1024} MB` };
	let text: string;
	try {
		text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
	} catch {
		return { ok: false, reason: 'it is not UTF-8 text' };
	}
	const tree = fromHtml(text.replace(/^\uFEFF/, ''), { fragment: true });
	// One drawing: a single <svg> element, with only comments, a doctype or blank text beside it.
	const roots = tree.children.filter((n) => n.type === 'element');
	const stray = tree.children.some((n) => n.type === 'text' && n.value.trim());
	if (roots.length !== 1 || roots[0].tagName !== 'svg' || stray)
		return { ok: false, reason: 'it does not read as one <svg> drawing' };
	const before = inventory(tree);
	const pruned = structuredClone(tree);
	prune(pruned);
	const clean = sanitize(pruned, schema) as Root;
	const root = clean.children.find(isElement);
	if (!root || root.tagName !== 'svg') return { ok: false, reason: 'it does not read as one <svg> drawing' };
	// A file of its own must say it is SVG (else the browser shows it as plain XML), and declare xlink if it uses it.
	const { xmlns: _xmlns, xmlnsXLink: _xlink, ...properties } = root.properties;
	const xlink = [...elements(clean)].some((el) => el.properties.xLinkHref !== undefined);
	root.properties = { xmlns: SVG_NS, ...(xlink ? { xmlnsXLink: XLINK_NS } : {}), ...properties };
	const after = inventory(clean);
	// Named once: an element removed, not each of its attributes too.
	const gone = (key: string) => (after.get(key) ?? 0) < (before.get(key) ?? 0);
	const removed = [...before.keys()].filter((key) => {
		const owner = / on (<[^<>]+>)$/.exec(key)?.[1];
		return gone(key) && !/^xmlns/.test(key) && !(owner && !after.has(owner));
	});
	const svg = toHtml(root, { space: 'svg', closeEmptyElements: true });
	// What is published must be well-formed XML, as a browser opening the file reads it.
	try {
		xml2js(svg);
	} catch (e) {
		return { ok: false, reason: `it cannot be written back as XML (${(e as Error).message.split('\n')[0]})` };
	}
	return { ok: true, svg, removed };
}

/** "<script>, onLoad on <svg> and 2 more": what cleaning removed, for a warning. */
export function describeRemoved(removed: string[]): string {
	const shown = removed.slice(0, 4).join(', ');
	return removed.length > 4 ? `${shown} and ${removed.length - 4} more` : shown;
}
