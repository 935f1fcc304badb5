import { describe, expect, it, vi } from 'vitest';
import {
	PDF_LIMITS,
	PRINT_AREA,
	TIMED_OUT,
	builtBase,
	estimatePages,
	pdfLimitWarning,
	withTimeLimit,
	withoutPdfLink,
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

describe('the budgets of one PDF (probe finding 6: a 90-byte formula printed 7,086 pages in 185 s)', () => {
	it('sees from the height of a page that a formula drawing a 400000em box would print thousands of pages', () => {
		// \rule{1em}{400000em} at 16 px to the em, in a column PRINT_AREA.width wide.
		const pages = estimatePages(400_000 * 16);
		expect(pages).toBeGreaterThan(6000);
		expect(pages).toBeGreaterThan(PDF_LIMITS.pages);
		// A long post of ordinary notes stays far below the limit.
		expect(estimatePages(20 * PRINT_AREA.height)).toBe(20);
		expect(estimatePages(0)).toBe(1);
	});

	it('names the post and says it is published without a PDF, and what to change', () => {
		expect(pdfLimitWarning('posts/cong-thuc.md', { pages: 6490 })).toBe(
			'posts/cong-thuc.md pdf: expected a PDF of at most 300 pages, saw about 6490; the post is published without a PDF. ' +
				'To print it, shorten the post, or look for what draws a huge box: a formula with \\rule or \\kern, a very tall table or picture'
		);
		expect(pdfLimitWarning('posts/cham.md', { timeMs: 60_000 })).toMatch(
			/^posts\/cham\.md pdf: expected a PDF printed within 60 s, saw it still printing; the post is published without a PDF\./
		);
	});

	it('gives up on a print that does not finish within the time limit, and keeps the result of one that does', async () => {
		vi.useFakeTimers();
		try {
			const never = withTimeLimit(new Promise<number>(() => undefined), 60_000);
			await vi.advanceTimersByTimeAsync(60_000);
			expect(await never).toBe(TIMED_OUT);
			expect(await withTimeLimit(Promise.resolve(3), 60_000)).toBe(3);
			// A print that fails after the limit was reached is no unhandled rejection.
			let fail: (e: Error) => void = () => undefined;
			const late = withTimeLimit(new Promise<number>((_, reject) => (fail = reject)), 10);
			await vi.advanceTimersByTimeAsync(10);
			expect(await late).toBe(TIMED_OUT);
			fail(new Error('Target page, context or browser has been closed'));
		} finally {
			vi.useRealTimers();
		}
	});

	it('takes the "Tải PDF" link off the page of a post without a PDF, and nothing else', () => {
		const link =
			'<p class="pdf-link svelte-1x2y" data-pagefind-ignore><a href="/ghi-chep/pdf/x.pdf" rel="external">Tải PDF</a></p>';
		// The same words as text or in an attribute are not the link.
		const page = `<title>class="pdf-link"</title><meta content="&#x22;<p class=&#x22;pdf-link"><h1>X</h1>${link}<p>Bài</p>`;
		expect(withoutPdfLink(page)).toBe(
			'<title>class="pdf-link"</title><meta content="&#x22;<p class=&#x22;pdf-link"><h1>X</h1><p>Bài</p>'
		);
		expect(withoutPdfLink('<p>Bài</p>')).toBe('<p>Bài</p>');
	});
});
