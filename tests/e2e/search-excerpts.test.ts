/**
 * Search that reads well (issue 14, part 3): excerpts as the page reads, not as its HTML is written. `<1ms` in a table
 * cell, cells and list items apart, superscripts and KaTeX math kept readable, a name joined by an en dash found by
 * either half, and marks on the words of the query only, readable in both themes. A small site of the fixture posts in
 * tests/fixtures/search/ (and the fixture site's post about "định danh"), built once for this file under a base path.
 */
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../scripts/serve';
import { desktop, launchBrowser, luminance, openPage, serveSite } from '../helpers/browser';
import { buildSmallSite, type SmallSite } from '../helpers/small-site';

// bt-*: a series with math (issue 25); dong-ho-bo-dem and ghi-chep-buoi-ba: "đồng … bộ" apart and "đồng bộ" in a row.
const FIXTURES = [
	'do-tre',
	'do-phuc-tap',
	'loai-tru',
	'bt-uoc-luong',
	'bt-cong-thuc',
	'dong-ho-bo-dem',
	'ghi-chep-buoi-ba'
].map((name) => `tests/fixtures/search/${name}.md`);
let site: SmallSite;
let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
	site = await buildSmallSite('search-excerpts', [...FIXTURES, 'tests/fixtures/site/tim-kiem.md'], {
		BASE_PATH: '/ghi-chep'
	});
	if (site.code !== 0) throw new Error(`the search test site did not build:\n${site.output.slice(-3000)}`);
	[browser, server] = await Promise.all([launchBrowser(), serveSite(site)]);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	site?.remove();
});

interface Shown {
	/** The post the result links to, without the base path. */
	path: string;
	/** The excerpt as the reader sees it (the page's and the sub-results' paragraphs). */
	excerpt: string;
	/** The text of each <mark>, in order. */
	marks: string[];
}

/** Searches from the search page as a reader does; returns the results shown and the page, still open. */
async function search(query: string, options: BrowserContextOptions = {}) {
	const w = await openPage(browser, { ...desktop, ...options });
	await w.page.goto(new URL(`search/?q=${encodeURIComponent(query)}`, server.url).href);
	await w.page.waitForFunction(() => {
		const status = document.querySelector('[data-search-status]')?.textContent ?? '';
		return status !== '' && status !== 'Đang tìm…';
	});
	const results: Shown[] = await w.page.locator('[data-search-results] > li').evaluateAll((lis) =>
		lis.map((li) => ({
			path: new URL((li.querySelector('h2 a') as HTMLAnchorElement).href).pathname.replace(/^\/ghi-chep/, ''),
			excerpt: [...li.querySelectorAll('p')].map((p) => (p as HTMLElement).innerText).join(' | '),
			marks: [...li.querySelectorAll('mark')].map((m) => m.textContent ?? '')
		}))
	);
	return { ...w, results };
}

/** The one result for `path`, failing with the whole list when it is missing. */
function resultFor(results: Shown[], path: string): Shown {
	const hit = results.find((r) => r.path === path);
	expect(hit, `no result for ${path} in ${JSON.stringify(results, null, 1)}`).toBeDefined();
	return hit!;
}

describe('search excerpts read as the page does', () => {
	it('shows "<1ms" from a table cell as "<1ms", not as the entity "&lt;1ms"', async () => {
		const w = await search('1ms');
		try {
			const hit = resultFor(w.results, '/posts/do-tre/');
			expect(hit.excerpt).toContain('<1ms');
			expect(hit.excerpt).not.toContain('&lt;');
			expect(hit.marks).toEqual(['1ms']);
			expect(w.problems()).toEqual([]);
		} finally {
			await w.close();
		}
	});

	it('keeps table cells and list items apart: "Kịch bản" | "Độ trễ" is not "Kịch bảnĐộ trễ"', async () => {
		for (const [query, read] of [
			['kich ban', /Kịch bản\.? Độ trễ\.? Cùng máy chủ\.? <1ms\.? Khác vùng/],
			['ghi ket qua', /Khởi động\.? Đo\.? Ghi kết quả/]
		] as const) {
			const w = await search(query);
			try {
				const { excerpt } = resultFor(w.results, '/posts/do-tre/');
				expect(excerpt).toMatch(read);
				expect(excerpt).not.toMatch(/bảnĐộ|độngĐo/);
			} finally {
				await w.close();
			}
		}
	});

	it('writes a superscript as "^": O(N<sup>2</sup>) reads "O(N^2)", not "O(N2)"', async () => {
		const w = await search('noi bot');
		try {
			const { excerpt } = resultFor(w.results, '/posts/do-phuc-tap/');
			expect(excerpt).toContain('O(N^2)');
			expect(excerpt).not.toContain('O(N2)');
		} finally {
			await w.close();
		}
	});

	it('shows KaTeX math once, in plain words, without the glued copies of its MathML and HTML', async () => {
		const w = await search('cong thuc');
		try {
			const { excerpt } = resultFor(w.results, '/posts/do-phuc-tap/');
			expect(excerpt).toContain('Theo công thức T(n) = n^2 + log n thì');
			expect(excerpt).not.toMatch(/T\(n\)=n2|\\log/);
		} finally {
			await w.close();
		}
	});
});

describe('excerpts in plain words (issue 25)', () => {
	it('reads math as its text: no \\text, \\frac or _{ of the TeX source', async () => {
		const w = await search('cap nhat');
		try {
			const { excerpt } = resultFor(w.results, '/posts/bt-cong-thuc/');
			expect(excerpt).toContain('cập nhật theo T_mới = (T_cũ + T_đo)/2 rồi làm tròn');
			expect(excerpt).toContain('∑_(i = 1)^n x_i^2 ≤ √n');
			expect(excerpt).not.toMatch(/\\text|\\frac|\\sum|_\{/);
		} finally {
			await w.close();
		}
	});

	it('shows no page chrome (series line, date, reading time) and no part of the title in excerpts', async () => {
		for (const query of ['uoc luong', 'thoi gian phan hoi', 'lam tron', 'do']) {
			const w = await search(query);
			try {
				expect(w.results.length, query).toBeGreaterThan(0);
				for (const { path, excerpt } of w.results) {
					expect(excerpt, `${query}: ${path}`).not.toMatch(/trong loạt|Bài tập về nhà|phút đọc|\\text|_\{/);
				}
				if (query === 'uoc luong') {
					const { excerpt } = resultFor(w.results, '/posts/bt-uoc-luong/');
					expect(excerpt).toMatch(/^Bài đầu của loạt: ước lượng thời gian phản hồi/);
				}
			} finally {
				await w.close();
			}
		}
	});
});

/** Waits until the results shown satisfy `ok`, and returns their paths. */
async function waitForResults(page: import('playwright-core').Page, ok: (paths: string[]) => boolean) {
	let paths: string[] = [];
	for (let i = 0; i < 150; i++) {
		paths = await page
			.locator('[data-search-results] > li h2 a')
			.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname.replace(/^\/ghi-chep/, '')));
		if (ok(paths)) return paths;
		await page.waitForTimeout(100);
	}
	throw new Error(`the results never settled: ${JSON.stringify(paths)}`);
}

describe('results while typing (issue 25)', () => {
	it('shows results as the reader types, without Enter, and puts the query in the address', async () => {
		const w = await openPage(browser, desktop);
		try {
			await w.page.goto(new URL('search/', server.url).href);
			await w.page.locator('#search-query').pressSequentially('dinh danh', { delay: 30 });
			const paths = await waitForResults(w.page, (p) => p.includes('/posts/tim-kiem/'));
			expect(paths).toContain('/posts/tim-kiem/');
			expect(new URL(w.page.url()).searchParams.get('q')).toBe('dinh danh');
			expect(w.problems()).toEqual([]);
		} finally {
			await w.close();
		}
	});

	it('applies the category at once when it changes, and keeps it in the address', async () => {
		const w = await search('dong bo');
		try {
			expect(w.results.map((r) => r.path)).toContain('/posts/loai-tru/');
			await w.page.selectOption('#search-category', 'Tìm kiếm');
			const paths = await waitForResults(w.page, (p) => p.length > 0 && p.every((x) => x === '/posts/tim-kiem/'));
			expect(paths).toEqual(['/posts/tim-kiem/']);
			const address = new URL(w.page.url()).searchParams;
			expect([address.get('q'), address.get('category')]).toEqual(['dong bo', 'Tìm kiếm']);
		} finally {
			await w.close();
		}
	});

	it('still searches on Enter, in the page', async () => {
		const w = await openPage(browser, desktop);
		try {
			await w.page.goto(new URL('search/', server.url).href);
			// The words are set without an input event, so only Enter can start the search; the marker shows that the
			// page was not loaded again.
			await w.page.evaluate(() => {
				(document.querySelector('#search-query') as HTMLInputElement).value = 'agrawala';
				(window as unknown as { same: boolean }).same = true;
			});
			await w.page.locator('#search-query').press('Enter');
			await waitForResults(w.page, (p) => p.includes('/posts/loai-tru/'));
			expect(await w.page.evaluate(() => (window as unknown as { same?: boolean }).same)).toBe(true);
			expect(new URL(w.page.url()).searchParams.get('q')).toBe('agrawala');
		} finally {
			await w.close();
		}
	});
});

describe('a phrase ranks first (issue 25)', () => {
	it('ranks "đồng bộ" in a row above "đồng … bộ" apart for "dong bo", which Pagefind alone ranks the other way', async () => {
		const w = await search('dong bo');
		try {
			const shown = w.results.map((r) => r.path);
			// Pagefind's own order, from the page's copy of it (a string, so that the test runner leaves `import` alone).
			const pagefindOrder: string[] = await w.page.evaluate(`(async () => {
				const script = document.querySelector('script[data-bundle]');
				const pagefind = await import(script.dataset.bundle);
				const found = await pagefind.search('dong bo');
				const data = await Promise.all(found.results.map((r) => r.data()));
				return data.map((d) => new URL(d.url, location.href).pathname.replace(/^\\/ghi-chep/, ''));
			})()`);
			const [inRow, apart] = ['/posts/ghi-chep-buoi-ba/', '/posts/dong-ho-bo-dem/'];
			// Without the boost, the page with both words in its title and apart in its text comes first.
			expect(pagefindOrder.indexOf(apart), JSON.stringify(pagefindOrder)).toBeLessThan(pagefindOrder.indexOf(inRow));
			expect(shown).toContain(apart);
			expect(shown.indexOf(inRow), JSON.stringify(shown)).toBeLessThan(shown.indexOf(apart));
			expect(shown.indexOf(inRow)).toBeGreaterThanOrEqual(0);
		} finally {
			await w.close();
		}
	});
});

describe('words joined by a dash', () => {
	for (const query of ['agrawala', 'ricart agrawala', 'Ricart–Agrawala']) {
		it(`finds "Ricart–Agrawala" from "${query}" and shows the name as written`, async () => {
			const w = await search(query);
			try {
				const hit = resultFor(w.results, '/posts/loai-tru/');
				expect(hit.excerpt).toContain('Thuật toán Ricart–Agrawala cải tiến cách của Lamport — mỗi yêu cầu');
				expect(hit.marks).toEqual(query === 'agrawala' ? ['Agrawala'] : ['Ricart', 'Agrawala']);
			} finally {
				await w.close();
			}
		});
	}

	it('finds either half of a pair joined by a slash ("vào/ra")', async () => {
		for (const query of ['vao', 'ra vung gang']) {
			const w = await search(query);
			try {
				expect(resultFor(w.results, '/posts/loai-tru/').excerpt).toContain('vào/ra vùng găng');
			} finally {
				await w.close();
			}
		}
	});
});

describe('marks', () => {
	it('marks only the words of "dong bo" (đồng bộ, dong bo), not động, đóng, bởi, bỏ or bốn', async () => {
		const w = await search('dong bo');
		try {
			const hit = resultFor(w.results, '/posts/loai-tru/');
			expect(hit.excerpt).toMatch(/đóng kết nối bởi vì động cơ bỏ bốn lần/);
			expect(hit.marks).toEqual(['đồng', 'bộ', 'Dong', 'bo', 'đồng', 'bộ']);
			resultFor(w.results, '/posts/tim-kiem/');
			const all = w.results.flatMap((r) => r.marks.map((m) => m.toLowerCase()));
			expect(new Set(all)).toEqual(new Set(['đồng', 'bộ', 'dong', 'bo']));
		} finally {
			await w.close();
		}
	});

	it('writes an excerpt found through a twin ("dinh danh") with đ as the page has it, and marks it', async () => {
		const w = await search('dinh danh');
		try {
			const hit = resultFor(w.results, '/posts/tim-kiem/');
			expect(hit.excerpt).toContain('Mỗi thực thể được định danh bằng một tên duy nhất; đường dẫn tên');
			expect(hit.excerpt).not.toMatch(/dịnh|dường|dược/);
			expect(new Set(hit.marks.map((m) => m.toLowerCase()))).toEqual(new Set(['định', 'danh']));
		} finally {
			await w.close();
		}
	});

	it('prefers the accents typed: "đồng bộ" marks đồng bộ, not "Dong bo"', async () => {
		const w = await search('đồng bộ');
		try {
			expect(resultFor(w.results, '/posts/loai-tru/').marks).toEqual(['đồng', 'bộ', 'đồng', 'bộ']);
		} finally {
			await w.close();
		}
	});

	const contrast = (a: string, b: string) => {
		const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
		return (hi + 0.05) / (lo + 0.05);
	};
	const themes: [string, BrowserContextOptions, 'light' | 'dark' | undefined][] = [
		['light', { colorScheme: 'light' }, undefined],
		['dark', { colorScheme: 'dark' }, undefined],
		['dark chosen with the toggle on a light system', { colorScheme: 'light' }, 'dark'],
		['light chosen with the toggle on a dark system', { colorScheme: 'dark' }, 'light']
	];
	for (const [name, options, chosen] of themes) {
		it(`draws marks with AA contrast in the ${name} theme, dark ones on a dark tint`, async () => {
			const w = await search('dong bo', options);
			try {
				if (chosen) await w.page.evaluate((t) => (document.documentElement.dataset.theme = t), chosen);
				const colours = await w.page.evaluate(() => {
					const mark = document.querySelector('[data-search-results] mark')!;
					const style = getComputedStyle(mark);
					return {
						dark: getComputedStyle(document.documentElement).colorScheme === 'dark',
						text: style.color,
						background: style.backgroundColor,
						page: getComputedStyle(document.body).backgroundColor
					};
				});
				expect(colours.dark).toBe((chosen ?? options.colorScheme) === 'dark');
				expect(colours.background, 'an opaque background').toMatch(/^rgb\(/);
				expect(contrast(colours.text, colours.background), JSON.stringify(colours)).toBeGreaterThanOrEqual(4.5);
				if (colours.dark) expect(luminance(colours.background), 'a dark tint, not bright yellow').toBeLessThan(0.1);
				expect(colours.background, 'a mark stands out from the page around it').not.toBe(colours.page);
				expect(w.problems()).toEqual([]);
				const external = w.requests.filter((u) => new URL(u).hostname !== '127.0.0.1');
				expect(external, 'requests to other hosts').toEqual([]);
			} finally {
				await w.close();
			}
		});
	}
});
