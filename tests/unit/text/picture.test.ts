import { describe, expect, it } from 'vitest';
import {
	pictureHtml,
	rewriteImages,
	tagAttributes,
	SIZES,
	type ImageFact,
	type Picture
} from '../../../src/lib/text/picture';

const PHOTO: Picture = {
	src: '/media/hinh/anh.png',
	width: 2000,
	height: 1000,
	sources: [
		{
			type: 'image/avif',
			srcset: [
				['/_img/h/anh-480.avif', 480],
				['/_img/h/anh-800.avif', 800]
			]
		}
	],
	srcset: [
		['/_img/h/anh-480.webp', 480],
		['/_img/h/anh-800.webp', 800]
	],
	light: true
};
const withBase = (p: string) => `/notes${p}`;
const facts: Record<string, ImageFact> = { '/media/hinh/anh.png': PHOTO, 'hinh/thieu.png': 'missing' };
const rewrite = (html: string, firstIsPriority = true) =>
	rewriteImages(html, { lookup: (p) => facts[p], base: '/notes', withBase, firstIsPriority });

describe('picture markup', () => {
	it('writes AVIF and WebP candidates, the real size, lazy loading and the base path', () => {
		const html = pictureHtml(PHOTO, { alt: 'Sơ đồ "A" & B', sizes: SIZES.column, withBase });
		expect(html).toMatch(/^<picture><source type="image\/avif" srcset="\/notes\/_img\/h\/anh-480.avif 480w, /);
		expect(html).toContain('<img src="/notes/media/hinh/anh.png"');
		expect(html).toContain('srcset="/notes/_img/h/anh-480.webp 480w, /notes/_img/h/anh-800.webp 800w"');
		expect(html).toContain('width="2000" height="1000"');
		expect(html).toContain('alt="Sơ đồ &quot;A&quot; &amp; B"');
		expect(html).toContain('loading="lazy"');
		expect(html).toContain('class="light-bg"');
		expect(html).not.toContain('fetchpriority');
	});

	it('gives the first picture above the fold priority', () => {
		const html = pictureHtml(PHOTO, { alt: '', sizes: SIZES.column, priority: true, withBase });
		expect(html).toContain('loading="eager" fetchpriority="high"');
	});

	it('keeps the width an author asked for, with the height in proportion and matching sizes', () => {
		const html = pictureHtml(PHOTO, { alt: '', sizes: SIZES.column, width: 300, withBase });
		expect(html).toContain('width="300" height="150"');
		expect(html).toContain('sizes="min(300px, calc(100vw - 2rem))"');
	});

	it('writes a plain <img> when there is nothing to choose between (SVG, GIF)', () => {
		const svg: Picture = { src: '/media/a.svg', width: 64, height: 32, sources: [], srcset: [['/media/a.svg', 64]] };
		expect(pictureHtml(svg, { alt: 'a', sizes: SIZES.column, withBase })).toMatch(/^<img src="\/notes\/media\/a.svg"/);
	});
});

describe('rewriting a post’s images', () => {
	it('turns local images into pictures, the first one with priority, and keeps title and style', () => {
		const out = rewrite(
			'<p><img src="/notes/media/hinh/anh.png" alt="Một" title="T"></p><p><img src="/notes/media/hinh/anh.png" alt="Hai" style="border:1px solid"></p>'
		);
		const imgs = out.match(/<img [^>]*>/g)!;
		expect(imgs).toHaveLength(2);
		expect(imgs[0]).toContain('fetchpriority="high"');
		expect(imgs[0]).toContain('title="T"');
		expect(imgs[1]).toContain('loading="lazy"');
		expect(imgs[1]).toContain('style="border:1px solid"');
		expect(out.match(/<picture>/g)).toHaveLength(2);
	});

	it('leaves priority to the cover when there is one', () => {
		expect(rewrite('<img src="/notes/media/hinh/anh.png" alt="">', false)).not.toContain('fetchpriority');
	});

	it('shows a missing picture as a placeholder with its alt text and requests nothing', () => {
		const out = rewrite('<img src="hinh/thieu.png" alt="Biểu đồ &amp; số liệu">');
		expect(out).not.toContain('<img');
		expect(out).toContain('class="img-missing"');
		expect(out).toContain('aria-label="Biểu đồ &amp; số liệu (thiếu hình)"');
	});

	it('makes remote images lazy and keeps their box, and leaves unknown and data: images alone', () => {
		expect(rewrite('<img src="https://example.com/a.png" alt="x">')).toBe(
			'<img loading="lazy" decoding="async" data-remote="" src="https://example.com/a.png" alt="x">'
		);
		expect(rewrite('<img src="https://example.com/a.png" width="10" height="5">')).not.toContain('data-remote');
		expect(rewrite('<img src="/notes/khac.png" alt="">')).toBe('<img src="/notes/khac.png" alt="">');
		expect(rewrite('<img src="data:image/png;base64,AAAA">')).toBe('<img src="data:image/png;base64,AAAA">');
	});

	it('finds an image whose address is percent-encoded', () => {
		const encoded = { '/media/hình/ảnh.png': PHOTO } as Record<string, ImageFact>;
		const out = rewriteImages('<img src="/media/h%C3%ACnh/%E1%BA%A3nh.png">', {
			lookup: (p) => encoded[p],
			base: '',
			withBase: (p) => p,
			firstIsPriority: false
		});
		expect(out).toContain('<picture>');
	});

	it('reads attributes as the sanitiser writes them', () => {
		expect([...tagAttributes('<img src="a&amp;b.png" alt="" hidden>')]).toEqual([
			['src', 'a&b.png'],
			['alt', ''],
			['hidden', '']
		]);
	});
});
