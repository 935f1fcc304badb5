/** Posts are content, never code: a folder of hostile posts, built with a canary secret in the environment and .env. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { xml2js } from 'xml-js';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/html';
import { CANARY, createdByHostileBuild } from '../helpers/hostile';
import { read, site } from '../helpers/sites';

const SAFE = /^(https?:|mailto:|tel:|#|\/|\.{0,2}\/|[^:]*$)/i;

describe('a folder of hostile posts (CONTENT_ERRORS=warn)', () => {
	const s = site('hostile');
	const files = listFiles(s.dir);
	const pages = files.filter((f) => f.startsWith('posts/') && f.endsWith('/index.html'));

	it('builds and names every refused part with file and line', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
		const o = s.output;
		expect(o).toMatch(/script-exec\.md:7 script: expected only component imports in a post's <script>, saw "import \{ execSync \}/);
		expect(o).toMatch(/module-script\.md:6 script: expected no module script in a post/);
		expect(o).toMatch(/attribute-expression\.md:10 script: expected a literal value for Callout's title, saw the expression \{process\.env\.SECRET_CANARY\}/);
		expect(o).toMatch(/globals\.md:7 script: expected only component imports/);
		expect(o).toMatch(/raw-html\.md:\d+ style: expected no <style> in a post/);
		expect(o).toMatch(/raw-html\.md:\d+ html: expected HTML that is safe to publish, saw .*onerror=.*<script>.*javascript: URL/);
		expect(o).toMatch(/data-cover\.md:4 coverImage: expected an image path/);
		expect(o).toMatch(/js-cover\.md:4 coverImage: expected an image path/);
		expect(o).toMatch(/symlinks\.md:6 image: expected a file to publish at leak\.png, saw one that is not published: it is a link that leads out of the posts folder/);
		expect(o).toMatch(/⚠ \.artifacts\/hostile-posts\/etc file: skipped: a link that leads out of the posts folder/);
	});

	it('publishes every post, without the refused parts', () => {
		for (const slug of ['script-exec', 'module-script', 'attribute-expression', 'globals', 'raw-html', 'data-cover', 'js-cover', 'symlinks', 'hop-le'])
			expect(pages, slug).toContain(`posts/${slug}/index.html`);
	});

	it('creates no file outside build/ on a post’s behalf', () => {
		expect(createdByHostileBuild()).toEqual([]);
	});

	it('puts the canary secret nowhere in the site', () => {
		for (const f of files) expect(readFileSync(join(s.dir, f)).includes(CANARY), f).toBe(false);
	});

	it('copies no file that leads out of the posts folder, no dotfile and no file of another kind', () => {
		// Only the cleaned drawing and the picture of tep-dinh-kem.md (tests/build/hostile-files.test.ts).
		expect(files.filter((f) => f.startsWith('media/'))).toEqual([
			'media/tep-dinh-kem/anh-chup.png',
			'media/tep-dinh-kem/so-do.svg'
		]);
	});

	it('publishes no script, event handler, style block, frame from elsewhere or unsafe URL in any post', () => {
		for (const page of pages) {
			const html = read(s, page);
			// The post's own HTML: the body in div.prose, up to the site's navigation after it.
			const body = html.slice(html.indexOf('<div class="prose">'), html.indexOf('<nav class="post-nav"'));
			visit(fromHtml(body, { fragment: true }), 'element', (node: Element) => {
				const where = `${page}: <${node.tagName}>`;
				expect(['script', 'style', 'object', 'embed', 'form', 'base', 'meta', 'link'], where).not.toContain(node.tagName);
				for (const [key, value] of Object.entries(node.properties)) {
					expect(/^on/i.test(key), `${where} ${key}`).toBe(false);
					if (['href', 'src', 'action', 'formAction', 'poster', 'srcDoc'].includes(key) && typeof value === 'string') {
						const ok = SAFE.test(value.trim()) || (node.tagName === 'img' && /^data:image\//.test(value));
						expect(ok, `${where} ${key}=${value}`).toBe(true);
					}
				}
				if (node.tagName === 'iframe') expect(String(node.properties.src)).toMatch(/^https:\/\/www\.youtube\.com\//);
			});
		}
	});

	it('keeps the feed and the sitemap well-formed, and their URLs safe', () => {
		for (const name of ['rss.xml', 'sitemap.xml']) {
			const text = read(s, name);
			expect(() => xml2js(text)).not.toThrow();
			// Every URL in them (links, guids, enclosures, images) is http(s).
			for (const m of text.matchAll(/<(?:link|guid|loc)>([^<]*)<|(?:url|href)="([^"]*)"/g))
				expect(m[1] ?? m[2], name).toMatch(/^https?:\/\//);
		}
	});

	it('still renders what posts may use: a Callout import, GitHub alerts, details, kbd, sub, sup, a YouTube embed', () => {
		const html = read(s, 'posts/hop-le/index.html');
		expect(html).toMatch(/<aside class="callout callout-warning"><p class="callout-title">Chú ý<\/p>/);
		expect(html).toMatch(/<aside class="callout callout-note">/);
		expect(html).toMatch(/<details>\s*<summary>Mở ra<\/summary>/);
		expect(html).toContain('<kbd>Ctrl</kbd>');
		expect(html).toContain('H<sub>2</sub>O');
		expect(html).toContain('x<sup>2</sup>');
		expect(html).toMatch(/<iframe[^>]*src="https:\/\/www\.youtube\.com\/embed\/dQw4w9WgXcQ"/);
		expect(html).toContain('class="katex"');
		expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'( 'sha256-[\w+/=]+')+;/);
	});
});
