import { describe, expect, it } from 'vitest';
import {
	builtBase,
	footerTemplate,
	formatSize,
	noBuildMessage,
	noChromiumMessage,
	selectPosts,
	type PdfIndex
} from '../../../scripts/pdf-plan';

const ROOT = '/home/sv/ghi-chep';
const index: PdfIndex = {
	posts: [
		{ slug: 'bai-3', file: 'posts/bai-3.md' },
		{ slug: 'tien-trinh', file: 'posts/tuan-2/Tiến trình.md' }
	],
	drafts: ['posts/nhap.md'],
	leftOut: ['posts/hong.md']
};

describe('selectPosts', () => {
	it('finds a post by its file, relative to the project, with ./, backslashes or an absolute path', () => {
		for (const arg of ['posts/bai-3.md', './posts/bai-3.md', 'posts\\bai-3.md', `${ROOT}/posts/bai-3.md`]) {
			expect(selectPosts([arg], index, ROOT)).toEqual({ slugs: ['bai-3'], problems: [] });
		}
	});

	it('reads a file path from the folder the command runs in', () => {
		expect(selectPosts(['bai-3.md'], index, ROOT, `${ROOT}/posts`).slugs).toEqual(['bai-3']);
	});

	it('finds a post by its slug', () => {
		expect(selectPosts(['tien-trinh'], index, ROOT).slugs).toEqual(['tien-trinh']);
	});

	it('matches a Vietnamese file name typed decomposed (NFD, as macOS writes it)', () => {
		expect(selectPosts(['posts/tuan-2/Tiến trình.md'.normalize('NFD')], index, ROOT).slugs).toEqual(['tien-trinh']);
	});

	it('keeps the order given and drops repeats', () => {
		expect(selectPosts(['tien-trinh', 'posts/bai-3.md', 'bai-3'], index, ROOT).slugs).toEqual(['tien-trinh', 'bai-3']);
	});

	it('says why an argument names no published post: a draft, a post left out, or no such post', () => {
		const { slugs, problems } = selectPosts(['posts/nhap.md', 'posts/hong.md', 'posts/khong-co.md'], index, ROOT);
		expect(slugs).toEqual([]);
		expect(problems).toEqual([
			'posts/nhap.md: a draft (draft: true), so it has no page to print; publish it and run `npm run build`',
			'posts/hong.md: left out of the last build because of its errors; fix them (`npm run check:posts`)',
			'posts/khong-co.md: expected a published post, saw none in the last build; check the file name, or run `npm run build` if the post is new'
		]);
	});
});

describe('the PDF page footer', () => {
	it('numbers pages "Trang N/M" with the classes Chromium fills in', () => {
		const html = footerTemplate();
		expect(html).toContain('Trang <span class="pageNumber"></span>/<span class="totalPages"></span>');
		expect(html).toMatch(/text-align:center/);
		expect(html).toMatch(/font-size:8pt/);
	});
});

describe('builtBase', () => {
	it('reads the base path from the URLs of a built page', () => {
		expect(builtBase('<link href="/my-notes/_app/immutable/assets/0.css" rel="stylesheet">')).toBe('/my-notes');
		expect(builtBase('<link href="/a/b/_app/immutable/assets/0.css">')).toBe('/a/b');
		expect(builtBase('<script src="/_app/immutable/entry/start.js"></script>')).toBe('');
	});

	it('is undefined for a page that does not say', () => {
		expect(builtBase('<p>Không có gì</p>')).toBeUndefined();
	});
});

describe('messages and sizes', () => {
	it('formats sizes in B, kB and MB', () => {
		expect([formatSize(512), formatSize(84_213), formatSize(1_572_864)]).toEqual(['512 B', '82.2 kB', '1.5 MB']);
	});

	it('tells how to get a build and Chromium', () => {
		expect(noBuildMessage('build')).toBe('build/ not found: run `npm run build` first, then `npm run pdf`');
		expect(noChromiumMessage('/usr/bin/chromium')).toBe(
			'Chromium not found at /usr/bin/chromium: install it with `sudo apt-get install -y chromium` or set CHROME_PATH'
		);
	});
});
