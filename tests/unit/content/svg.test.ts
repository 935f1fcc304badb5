/** Issue 21, finding 5: an SVG beside a post is a document of the site's origin; it is published cleaned, or not. */
import { readFileSync } from 'node:fs';
import { fromHtml } from 'hast-util-from-html';
import { xml2js } from 'xml-js';
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../../src/lib/content/svg';

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const clean = (svg: string) => {
	const r = sanitizeSvg(svg);
	if (!r.ok) throw new Error(r.reason);
	return r;
};

describe('sanitizeSvg', () => {
	it('removes <script>, with its text, and says so', () => {
		const r = clean(`<svg ${NS}><script>alert(document.domain)</script><rect width="5" height="5"/></svg>`);
		expect(r.svg).not.toMatch(/script|alert/);
		expect(r.svg).toContain('<rect width="5" height="5" />');
		expect(r.removed).toContain('<script>');
	});

	it('removes event handlers such as onload', () => {
		const r = clean(`<svg ${NS} onload="alert(1)"><circle r="4" onclick="alert(2)" onmouseover="x()"/></svg>`);
		expect(r.svg).not.toMatch(/on(load|click|mouseover)|alert/i);
		expect(r.removed).toEqual(expect.arrayContaining(['onLoad on <svg>', 'onClick on <circle>']));
	});

	it('removes foreignObject and the HTML inside it', () => {
		const r = clean(
			`<svg ${NS}><foreignObject width="100" height="100"><iframe src="https://evil.example"></iframe><img src=x onerror="alert(1)"><p>hi</p></foreignObject></svg>`
		);
		expect(r.svg).not.toMatch(/foreignObject|iframe|img|onerror|<p>|hi/i);
		expect(r.removed).toContain('<foreignObject>');
	});

	it('removes an xlink:href to a web address, and keeps one to an id in the file', () => {
		const r = clean(
			`<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="http://evil.example/"><text>x</text></a><image xlink:href="https://evil.example/track.png" width="9" height="9"/><use xlink:href="#dot"/></svg>`
		);
		expect(r.svg).not.toContain('evil.example');
		expect(r.svg).toContain('<use xlink:href="#dot" />');
		// Still declared, since a reference is kept: else the file would not be well-formed XML.
		expect(r.svg).toContain('xmlns:xlink="http://www.w3.org/1999/xlink"');
		expect(r.removed).toEqual(expect.arrayContaining(['xLinkHref on <a>', 'xLinkHref on <image>']));
	});

	it('removes <use href="http…">, another file, data: documents and javascript: links', () => {
		const r = clean(
			`<svg ${NS}><use href="http://evil.example/sprite.svg#icon"/><use href="other.svg#a"/><use href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/><a href="javascript:alert(1)"><text>x</text></a></svg>`
		);
		expect(r.svg).not.toMatch(/href|evil|other\.svg|data:|javascript/);
		expect(r.removed).toEqual(expect.arrayContaining(['href on <use>', 'href on <a>']));
	});

	it('removes <style> that imports or loads, and styles and paints that load', () => {
		const r = clean(
			`<svg ${NS}><style>@import url("https://evil.example/x.css");</style><style>@import 'x.css';</style><style>rect { fill: u\\72l(https://evil.example/) }</style><style>.a { fill: url(#g) }</style><rect class="a" style="background: url(https://evil.example/p.png)" fill="url(https://evil.example/f.svg#p)"/></svg>`
		);
		expect(r.svg).not.toMatch(/@import|evil|x\.css|\\72/);
		expect(r.svg).toContain('<style>.a { fill: url(#g) }</style>');
		expect(r.removed).toEqual(expect.arrayContaining(['<style>', 'style on <rect>', 'fill on <rect>']));
	});

	it('removes animation, which can rewrite a link (<set attributeName="href" to="javascript:…">)', () => {
		const r = clean(
			`<svg ${NS}><a href="#x"><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>`
		);
		expect(r.svg).not.toMatch(/set|animate|javascript/);
		expect(r.svg).toContain('<a href="#x">');
	});

	it('keeps a normal diagram: shapes, text, gradients, markers, ids and references to them, nothing named', () => {
		const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Vẽ bằng draw.io -->
<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120" role="img" aria-labelledby="t">
  <title id="t">Máy khách &amp; máy chủ</title>
  <defs>
    <linearGradient id="nen" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#dde"/></linearGradient>
    <marker id="mui-ten" markerWidth="8" markerHeight="8" refX="8" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#333"/></marker>
    <filter id="bong"><feDropShadow dx="1" dy="1" stdDeviation="1"/></filter>
  </defs>
  <style>.nhan { font: 14px sans-serif; fill: #222 } rect > .x { fill: url(#nen) }</style>
  <rect x="10" y="30" width="100" height="60" rx="6" fill="url(#nen)" stroke="#333" stroke-width="2" filter="url(#bong)"/>
  <rect x="210" y="30" width="100" height="60" rx="6" fill="url(#nen)" stroke="#333" stroke-dasharray="4 2"/>
  <line x1="110" y1="60" x2="210" y2="60" stroke="#333" marker-end="url(#mui-ten)"/>
  <text class="nhan" x="60" y="65" text-anchor="middle">Khách</text>
  <text class="nhan" x="260" y="65" text-anchor="middle">Chủ <tspan font-weight="bold">1 &lt; 2</tspan></text>
  <use href="#mui-ten" x="5"/>
</svg>`;
		const r = clean(diagram);
		expect(r.removed).toEqual([]);
		for (const kept of [
			'<linearGradient id="nen" x1="0" y1="0" x2="0" y2="1">',
			'<stop offset="1" stop-color="#dde" />',
			'<marker id="mui-ten" markerWidth="8" markerHeight="8" refX="8" refY="4" orient="auto">',
			'<feDropShadow dx="1" dy="1" stdDeviation="1" />',
			'fill="url(#nen)"',
			'filter="url(#bong)"',
			'marker-end="url(#mui-ten)"',
			'stroke-dasharray="4 2"',
			'<title id="t">Máy khách &#x26; máy chủ</title>',
			'<tspan font-weight="bold">1 &#x3C; 2</tspan>',
			'<use href="#mui-ten" x="5" />',
			'.nhan { font: 14px sans-serif; fill: #222 }'
		])
			expect(r.svg).toContain(kept);
		// Well-formed XML that a browser opens as SVG: one <svg> in the SVG namespace.
		const doc = xml2js(r.svg) as { elements: { name: string; attributes: Record<string, string> }[] };
		expect(doc.elements.map((e) => e.name)).toEqual(['svg']);
		expect(doc.elements[0].attributes.xmlns).toBe('http://www.w3.org/2000/svg');
	});

	it('writes the namespace a file of its own needs, even when the author left it out', () => {
		expect(clean('<svg viewBox="0 0 4 4"><rect width="4" height="4"/></svg>').svg).toMatch(
			/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/
		);
	});

	it('keeps only text in <title> and <desc>, where an HTML parser reads HTML', () => {
		const r = clean(`<svg ${NS}><title>Sơ đồ <img src=x onerror=alert(1)><style>&lt;/style></style></title></svg>`);
		expect(r.svg).not.toMatch(/<img|onerror|<style/);
		expect(r.svg).toContain('<title>Sơ đồ ');
	});

	it('never writes what would end a <style> or break the XML', () => {
		const r = clean(
			`<svg ${NS}><style>&lt;/style>&lt;script>alert(1)&lt;/script></style><text aria-label="a<b">x</text></svg>`
		);
		expect(r.svg).not.toMatch(/<script|<\/style><|aria-label/);
		expect(() => xml2js(r.svg)).not.toThrow();
	});

	it('refuses what is not one SVG drawing, saying why', () => {
		expect(sanitizeSvg('just text')).toEqual({ ok: false, reason: 'it does not read as one <svg> drawing' });
		expect(sanitizeSvg(`<svg ${NS}></svg><svg ${NS}></svg>`).ok).toBe(false);
		expect(sanitizeSvg(`<html><body><p>hi</p></body></html>`).ok).toBe(false);
		// An HTML element inside <svg> closes it, as in a browser's HTML parser: a page in disguise.
		expect(sanitizeSvg(`<svg ${NS}><div><script>alert(1)</script></div></svg>`).ok).toBe(false);
		expect(sanitizeSvg(readFileSync('tests/fixtures/images/hinh/bia.png'))).toEqual({
			ok: false,
			reason: 'it is not UTF-8 text'
		});
	});

	it('gives the same picture to an HTML parser as to the XML it writes (what is published is the serialisation)', () => {
		const r = clean(`<svg ${NS}><!DOCTYPE x [<!ENTITY e "<script>alert(1)</script>">]><text>&e;</text></svg>`);
		expect(r.svg).not.toMatch(/ENTITY|<script/);
		const html = fromHtml(r.svg, { fragment: true });
		expect(JSON.stringify(html)).not.toMatch(/script/);
	});
});
