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

const FIXTURES = ['do-tre', 'do-phuc-tap', 'loai-tru'].map((name) => `tests/fixtures/search/${name}.md`);
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

	it('shows KaTeX math once, as its TeX source, without the glued copies of its MathML and HTML', async () => {
		const w = await search('cong thuc');
		try {
			const { excerpt } = resultFor(w.results, '/posts/do-phuc-tap/');
			expect(excerpt).toContain('Theo công thức T(n) = n^2 + \\log n thì');
			expect(excerpt).not.toMatch(/T\(n\)=n2/);
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
