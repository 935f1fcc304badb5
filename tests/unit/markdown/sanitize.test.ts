import { describe, expect, it } from 'vitest';
import { sanitizePost } from '../../../src/lib/markdown/sanitize';

describe('sanitizePost', () => {
	it.each([
		['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>', '<script>'],
		['<svg><script>alert(1)</script></svg>', '<svg></svg>', '<script>'],
		['<img src="x.png" onerror="alert(1)">', '<img src="x.png">', 'onerror='],
		['<a href="javascript:alert(1)">x</a>', '<a>x</a>', 'javascript: URL'],
		['<a href="JaVa&#x09;ScRiPt:alert(1)">x</a>', '<a>x</a>', 'javascript: URL'],
		['<a href="vbscript:msgbox(1)">x</a>', '<a>x</a>', 'vbscript: URL'],
		['<a href="data:text/html,x">x</a>', '<a>x</a>', 'data: URL'],
		['<iframe srcdoc="<script>alert(1)</script>"></iframe>', '', '<iframe> from nowhere'],
		['<iframe src="https://evil.example/x"></iframe>', '', '<iframe> from evil.example'],
		['<form action="javascript:x"><button>b</button></form>', 'b', '<form>'],
		['<style>body{display:none}</style><p>x</p>', '<p>x</p>', '<style>'],
		['<p style="position:fixed;inset:0">x</p>', '<p>x</p>', 'style='],
		['<span data-unknown-tag="script">x</span>', '<span>x</span>', undefined]
	])('removes what could run or restyle the page: %s', (html, expected, what) => {
		const out = sanitizePost(html);
		expect(out.html).toBe(expected);
		if (what) expect(out.removed).toContain(what);
	});

	it.each([
		['<details><summary>a</summary>b</details>'],
		['<p><kbd>Ctrl</kbd> H<sub>2</sub>O x<sup>2</sup><br></p>'],
		['<p align="center"><img src="/a.png" alt="a" width="20" height="10"></p>'],
		['<video src="/v.mp4" controls></video>'],
		['<iframe src="https://www.youtube.com/embed/x" width="560" height="315" allowfullscreen loading="lazy"></iframe>'],
		['<img src="data:image/png;base64,iVBORw0KGgo=" alt="">'],
		['<aside class="callout callout-note"><p class="callout-title">Ghi chú</p></aside>'],
		['<h2 id="muc">Mục<a class="heading-anchor" aria-label="Liên kết" href="#muc">#</a></h2>'],
		[
			'<pre class="shiki" style="color:#1f2328;--shiki-dark:#e6edf3" tabindex="0"><code><span class="line"><span style="color:#CF222E">const</span></span></code></pre>'
		],
		[
			'<span class="katex"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>x</mi></mrow><annotation encoding="application/x-tex">x</annotation></semantics></math></span>'
		],
		['<p>a <warning>b</warning> <responsive-image>c</responsive-image></p>'],
		['<a href="mailto:a@b.vn">a</a> <a href="tel:+84">t</a> <a href="/posts/x/#y">p</a>'],
		['<div style="text-align: center;">Chú thích ảnh</div><a href="https://a.vn" style="color:red">nguồn</a>']
	])('keeps what posts and the site use: %s', (html) => {
		const out = sanitizePost(html);
		expect(out.removed).toEqual([]);
		expect(out.html).toBe(html);
	});
});

describe('sanitizePost keeps a post’s styles inside the post (issue 21.7)', () => {
	it.each([
		['<p style="margin-top:-100vh">x</p>', '<p>x</p>'],
		['<p style="width:100vw;height:100vh;background-color:white">x</p>', '<p style="background-color:white">x</p>'],
		['<p style="transform:translateY(-200px)">x</p>', '<p>x</p>'],
		['<p style="position:absolute;top:0">x</p>', '<p style="top:0">x</p>'],
		['<p style="margin-left:-900px">x</p>', '<p>x</p>'],
		['<p style="font-size:0;color:transparent">x</p>', '<p>x</p>'],
		['<p style="opacity:0">x</p>', '<p>x</p>'],
		['<p style="color:red !important">x</p>', '<p>x</p>'],
		['<p style="background-color:url(https://e.com/x)">x</p>', '<p>x</p>'],
		['<p style="width:calc(100vw + 10px)">x</p>', '<p>x</p>'],
		['<p style="color:red;}body{display:none">x</p>', '<p>x</p>']
	])('removes what positions, hides or reaches outside: %s', (html, expected) => {
		const out = sanitizePost(html);
		expect(out.html).toBe(expected);
		expect(out.removed).toContain('style=');
	});

	it.each([
		['<p style="text-align: center;">x</p>'],
		['<span style="color:#c00;font-weight:bold;font-style:italic;text-decoration:underline wavy red">x</span>'],
		['<span style="background-color:rgb(255, 240, 200)">x</span>'],
		['<span class="strut" style="height:1.0641em;vertical-align:-0.25em;"></span>'],
		['<span class="mord" style="margin-right:0.0278em;">O</span>'],
		['<span class="vlist" style="top:-3.394em;"></span>'],
		['<span style="color:#CF222E;--shiki-dark:#FF7B72">if</span>'],
		['<pre class="shiki" style="background-color:#fff;--shiki-dark-bg:#0d1117"></pre>']
	])('keeps colours, alignment, weight and the site’s own layout as written: %s', (html) => {
		expect(sanitizePost(html)).toEqual({ html, removed: [] });
	});
});

describe('sanitizePost keeps a post’s names from clobbering the page (issue 21.12)', () => {
	it('prefixes names, and ids of pictures, as GitHub does; once', () => {
		const html =
			'<iframe name="querySelector" src="https://www.youtube.com/embed/x"></iframe><img id="getElementById" name="body" src="a.png"><a name="x" id="muc-1">x</a>';
		const out = sanitizePost(html).html;
		expect(out).toContain('name="user-content-querySelector"');
		expect(out).toContain('<img id="user-content-getElementById" name="user-content-body"');
		expect(out).toContain('<a name="user-content-x" id="muc-1">');
		expect(sanitizePost(out).html).toBe(out);
	});

	it('grants an embedded player no camera, microphone or location', () => {
		const out = sanitizePost(
			'<iframe src="https://www.youtube.com/embed/x" allow="camera; microphone; geolocation; autoplay; encrypted-media; fullscreen *"></iframe>'
		);
		expect(out.html).toContain('allow="autoplay; encrypted-media"');
		const none = sanitizePost('<iframe src="https://www.youtube.com/embed/x" allow="camera; microphone"></iframe>');
		expect(none.html).not.toContain('allow=');
	});
});
