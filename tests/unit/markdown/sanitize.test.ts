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
