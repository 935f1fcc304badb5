import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributes, firstTag, listFiles, textOf } from '../helpers/html';
import { read, site } from '../helpers/sites';

describe('the fixture site (built under BASE_PATH=/my-notes, TZ=America/Los_Angeles)', () => {
	const s = site('fixtures');

	it('builds', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
	});

	it('writes every page as a folder with index.html, plus 404.html', () => {
		const files = listFiles(s.dir);
		for (const path of ['index.html', '404.html', 'categories/index.html', 'categories/ai/index.html', 'posts/tien-trinh-va-luong-ban-nhap-2/index.html', 'posts/hostile-text/index.html']) {
			expect(files).toContain(path);
		}
		expect(files.some((f) => f.endsWith('__data.json'))).toBe(false);
	});

	it('renders hostile text as written', () => {
		const text = textOf(read(s, 'posts/hostile-text/index.html'));
		for (const piece of ['Tập hợp {a, b} và biến ${HOME} và ${VAR} trong câu', '{#each items as item} và {@html "', 'a < b và b > a, kiểu Map<string, Client> và list<text> và Vec<T>, độ trễ <100ms', 'Giá 5$ và 10$ là giá tiền', '{#if x}', '{lone brace', 'Tiêu đề có {ngoặc} và <thẻ>', 'Xem đáp án {x}', 'Căn giữa {z}', 'const s = `${a}{b}`; const re = /\\d+\\1/; // C:\\Users {}', 'ngôn ngữ lạ {x} <y>', 'không có ngôn ngữ {x} \\n \\t']) {
			expect(text).toContain(piece);
		}
	});

	it('shows dates on their calendar day whatever the time zone', () => {
		const html = read(s, 'posts/unquoted-date/index.html');
		expect(html).toContain('<time datetime="2024-05-01">1 tháng 5, 2024</time>');
		expect(html).toContain('<time datetime="2024-06-02">2 tháng 6, 2024</time>');
	});

	it('lists posts newest first on the home page with excerpt and categories, undated last', () => {
		const home = read(s, 'index.html');
		const titles = [...home.matchAll(/<h2><a href="[^"]*">([^<]*)<\/a><\/h2>/g)].map((m) => textOf(m[1]));
		expect(titles[0]).toBe('Tiến trình và luồng (bản nháp 2)');
		expect(home).toContain('href="/my-notes/categories/he-thong-phan-tan/"');
		const all = [...titles, ...(existsSync(join(s.dir, 'page/2/index.html')) ? [...read(s, 'page/2/index.html').matchAll(/<h2><a href="[^"]*">([^<]*)<\/a><\/h2>/g)].map((m) => textOf(m[1])) : [])];
		expect(all.at(-1)).toBe('Bài không có ngày');
	});

	it('paginates the home page', () => {
		expect(read(s, 'page/2/index.html')).toContain('Trang 2 / 2');
		expect(read(s, 'index.html')).toContain('href="/my-notes/page/2/"');
	});

	it('lists categories with post counts and one page per category', () => {
		const index = textOf(read(s, 'categories/index.html'));
		expect(index).toMatch(/AI\s*1 bài/);
		expect(index).not.toContain('Nháp riêng');
		expect(firstTag(read(s, 'categories/he-thong-phan-tan/index.html'), 'h1')).toBe('Chủ đề: Hệ thống phân tán');
	});

	it('publishes no draft anywhere', () => {
		const all = listFiles(s.dir).filter((f) => f.endsWith('.html') || f.endsWith('.xml')).map((f) => read(s, f)).join('\n');
		expect(all).not.toContain('Bản nháp bí mật');
		expect(existsSync(join(s.dir, 'posts/draft'))).toBe(false);
	});

	it('gives headings ASCII ids with anchor links', () => {
		const html = read(s, 'posts/headings/index.html');
		expect(html).toContain('id="1-kiem-tra-cpu"');
		expect(attributes(html, 'id')).toEqual(expect.arrayContaining(['vi-du', 'vi-du-1', 'vi-du-2', 'duong-dan']));
		expect(html).toMatch(/<a class="heading-anchor"[^>]*href="#vi-du-2"/);
	});

	it('renders the Callout component and GitHub alerts alike', () => {
		const html = read(s, 'posts/callout/index.html');
		for (const type of ['warning', 'tip', 'note', 'important', 'danger']) expect(html).toContain(`callout callout-${type}`);
		expect(textOf(html)).toContain('Chú ý: đây là Markdown bên trong {component}.');
		expect(textOf(html)).toContain('Cẩn thận nhé');
	});

	it('resolves links between posts and copies images beside posts', () => {
		const html = read(s, 'posts/links/index.html');
		expect(html).toContain('href="/my-notes/posts/headings/"');
		expect(html).toContain('href="/my-notes/posts/headings/#vi-du-1"');
		expect(html).toContain('src="/my-notes/media/hinh/so-do.svg"');
		expect(existsSync(join(s.dir, 'media/hinh/so-do.svg'))).toBe(true);
		expect(html).toContain('src="/my-notes/media/hinh/s%C6%A1%20%C4%91%E1%BB%93%20m%E1%BA%A1ng.svg"');
		expect(existsSync(join(s.dir, 'media/hinh/sơ đồ mạng.svg'))).toBe(true);
	});

	it('names every warning with file and line in the build output', () => {
		expect(s.output).toContain('tests/fixtures/site/links.md:10 image: expected a file at ./hinh/thieu.png');
		expect(s.output).toContain('tests/fixtures/site/empty.md file: expected a post, saw an empty file');
	});

	it('links KaTeX styles and fonts only on posts with math', () => {
		expect(read(s, 'posts/math/index.html')).toContain('<link rel="stylesheet" href="/my-notes/katex/katex.min.css"');
		expect(read(s, 'posts/headings/index.html')).not.toContain('katex.min.css');
		expect(existsSync(join(s.dir, 'katex/katex.min.css'))).toBe(true);
		const fonts = [...read(s, 'katex/katex.min.css').matchAll(/url\((fonts\/[^)]+\.woff2)\)/g)].map((m) => m[1]);
		expect(fonts.length).toBeGreaterThan(10);
		for (const font of fonts) expect(existsSync(join(s.dir, 'katex', font)), font).toBe(true);
	});

	it('publishes a post from a subfolder with its relative links resolved', () => {
		const html = read(s, 'posts/bai-long/index.html');
		expect(html).toContain('href="/my-notes/posts/headings/#vi-du"');
		expect(html).toContain('src="/my-notes/media/hinh/so-do.svg"');
	});

	it('shows a post whose component is missing, its text intact', () => {
		const text = textOf(read(s, 'posts/missing-component/index.html'));
		expect(text).toContain('Trước thành phần.');
		expect(text).toContain('Sau thành phần.');
	});

	it('marks the page as Vietnamese', () => {
		expect(read(s, 'index.html')).toContain('<html lang="vi">');
	});
});
