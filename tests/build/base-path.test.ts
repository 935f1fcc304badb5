import { describe, expect, it } from 'vitest';
import { attributes, listFiles } from '../helpers/html';
import { read, site } from '../helpers/sites';

describe('a site built with BASE_PATH=/my-notes', () => {
	const s = site('fixtures');
	const files = listFiles(s.dir);

	it('has no root-relative URL that escapes the base path, on any page', () => {
		const escaping: string[] = [];
		for (const file of files.filter((f) => f.endsWith('.html'))) {
			const html = read(s, file);
			for (const url of [...attributes(html, 'href'), ...attributes(html, 'src'), ...attributes(html, 'srcset'), ...attributes(html, 'action'), ...attributes(html, 'data-bundle')]) {
				if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/my-notes/')) escaping.push(`${file}: ${url}`);
			}
			for (const m of html.matchAll(/url\((["']?)(\/[^)"']*)\1\)/g)) if (!m[2].startsWith('/my-notes/')) escaping.push(`${file}: url(${m[2]})`);
		}
		expect(escaping).toEqual([]);
	});

	it('keeps CSS font URLs under the base path', () => {
		const css = files.filter((f) => f.endsWith('.css')).map((f) => read(s, f)).join('\n');
		const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1].replace(/["']/g, ''));
		expect(urls.length).toBeGreaterThan(0);
		expect(urls.filter((u) => u.startsWith('/') && !u.startsWith('/my-notes/'))).toEqual([]);
	});

	it('writes absolute URLs under SITE_URL plus the base in the feed, sitemap and canonical links', () => {
		for (const file of ['rss.xml', 'sitemap.xml']) {
			const urls = [...read(s, file).matchAll(/https?:\/\/[^<"\s]+/g)].map((m) => m[0]).filter((u) => u.includes('sv.github.io'));
			expect(urls.length, file).toBeGreaterThan(3);
			expect(urls.filter((u) => !u.startsWith('https://sv.github.io/my-notes/')), file).toEqual([]);
		}
		expect(read(s, 'posts/math/index.html')).toContain('<link rel="canonical" href="https://sv.github.io/my-notes/posts/math/"');
		expect(read(s, 'robots.txt')).toContain('Sitemap: https://sv.github.io/my-notes/sitemap.xml');
	});
});

describe('the feed', () => {
	const s = site('fixtures');

	it('is RSS 2.0 with every published post newest first, titles escaped', () => {
		const xml = read(s, 'rss.xml');
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<rss version="2.0"/);
		const titles = [...xml.matchAll(/<item>\s*<title><!\[CDATA\[([\s\S]*?)\]\]><\/title>|<item>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? m[2]);
		expect(titles[0]).toBe('Tiến trình và luồng (bản nháp 2)');
		expect(titles).toContain('Ký tự đặc biệt: {braces} & <angles> $dollars');
		expect(titles).not.toContain('Bản nháp bí mật');
		expect(titles.length).toBe(listFiles(s.dir).filter((f) => /^posts\/[^/]+\/index\.html$/.test(f)).length);
	});

	it('is advertised on every page', () => {
		expect(read(s, 'index.html')).toContain('<link rel="alternate" type="application/rss+xml"');
	});
});
