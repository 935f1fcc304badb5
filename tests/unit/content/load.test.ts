import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/lib/content/load';
import { formatProblem } from '../../../src/lib/content/problems';

const root = resolve('.');
const load = (dir: string, build = false) =>
	loadContent({ dir: resolve(dir), root, staticDir: resolve('static'), base: '', mode: build ? 'build' : 'check' });

describe('loadContent on content errors', async () => {
	const content = await load('tests/fixtures/errors');
	const errors = content.problems.filter((p) => p.severity === 'error').map(formatProblem);

	it('reports every error at once, each with file, line, field and a fix', () => {
		expect(errors).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^tests\/fixtures\/errors\/bad-yaml\.md:\d+ frontmatter: expected valid YAML, saw a syntax error/
				),
				'tests/fixtures/errors/unclosed-frontmatter.md:1 frontmatter: expected a closing "---" line after the frontmatter, saw none before the end of the file; add a line with --- after the last frontmatter field',
				'tests/fixtures/errors/impossible-date.md:3 date: expected a date like 2025-05-11, saw "2025-18-5"; month 18, day 5 is not a real day (did you mean 2025-05-18?); write it as YYYY-MM-DD',
				'tests/fixtures/errors/ambiguous-date.md:3 date: expected a date like 2025-05-11, saw "04/05/2025"; day and month order is ambiguous; write it as YYYY-MM-DD (2025-05-04 or 2025-04-05)'
			])
		);
		expect(errors).toHaveLength(4);
	});

	it('gives an address asked for twice to the older file, and the other a free one, with a warning naming both', () => {
		// Both files came in one commit: the tie goes by path ("T" sorts before "t").
		expect(content.problems.map(formatProblem)).toContain(
			'tests/fixtures/errors/trung-ten.md file name: expected a unique post address, saw /posts/trung-ten/ also used by tests/fixtures/errors/Trùng tên.md, which keeps it: it comes first by path (fewer folders, then alphabetical); this post is published at /posts/trung-ten-2/; rename this file (e.g. to trung-ten-2.md) to give it an address of its own'
		);
		expect(content.problems.find((p) => p.field === 'file name')?.severity).toBe('warning');
	});

	it('leaves out the posts that cannot be read, and keeps those whose only faults are field values', () => {
		expect(content.leftOut.sort()).toEqual([
			'tests/fixtures/errors/bad-yaml.md',
			'tests/fixtures/errors/unclosed-frontmatter.md'
		]);
		expect(content.posts.map((p) => [p.slug, p.file]).sort()).toEqual([
			['ambiguous-date', 'tests/fixtures/errors/ambiguous-date.md'],
			['good', 'tests/fixtures/errors/good.md'],
			['impossible-date', 'tests/fixtures/errors/impossible-date.md'],
			['trung-ten', 'tests/fixtures/errors/Trùng tên.md'],
			['trung-ten-2', 'tests/fixtures/errors/trung-ten.md']
		]);
		// Published without the bad value: undated, listed after dated posts.
		expect(content.posts.find((p) => p.slug === 'impossible-date')?.date).toBeNull();
	});

	it('warns about unknown keys with a suggestion', () => {
		const warnings = content.problems.filter((p) => p.severity === 'warning').map(formatProblem);
		expect(warnings).toContain(
			'tests/fixtures/errors/good.md:4 coverWidght: unknown frontmatter key, it is ignored; did you mean "coverWidth"?'
		);
		expect(warnings).toContain(
			'tests/fixtures/errors/good.md:5 update: unknown frontmatter key, it is ignored; did you mean "updated"?'
		);
	});
});

describe('loadContent on the fixture site', async () => {
	const content = await load('tests/fixtures/site', true);
	const bySlug = new Map(content.posts.map((p) => [p.slug, p]));
	const messages = content.problems.map(formatProblem);

	it('has no errors', () => {
		expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
	});

	it('slugs a Vietnamese file name', () => {
		expect(bySlug.get('tien-trinh-va-luong-ban-nhap-2')?.date).toBe('2025-05-09');
	});

	it('builds CRLF, BOM, NBSP, zero-width and blank-line posts', () => {
		expect(bySlug.get('crlf-bom')?.title).toBe('CRLF và BOM');
		expect(bySlug.get('crlf-bom')?.headings.map((h) => h.id)).toEqual(['muc-crlf']);
		expect(bySlug.get('blank-before-frontmatter')?.title).toBe('Dòng trống trước frontmatter');
	});

	it('takes the title from the first heading, with a warning', () => {
		expect(bySlug.get('no-title')?.title).toBe('Tiêu đề lấy từ heading');
		expect(messages).toContain(
			'tests/fixtures/site/no-title.md title: expected a title, saw none; using "Tiêu đề lấy từ heading"; add title: "…" to the frontmatter'
		);
		expect(bySlug.get('no-title')?.excerpt).toBe('Đoạn đầu tiên làm đoạn trích.');
	});

	it('publishes an undated post after dated ones, with a warning', () => {
		expect(content.posts.at(-1)?.slug).toBe('no-date');
		expect(messages).toContain(
			'tests/fixtures/site/no-date.md date: expected a date, saw none; the post is listed after dated posts; add date: YYYY-MM-DD to the frontmatter'
		);
	});

	it('does not publish drafts or empty files, and says so', () => {
		expect(bySlug.has('draft')).toBe(false);
		expect(content.drafts).toEqual(['tests/fixtures/site/draft.md']);
		expect(content.categories.some((c) => c.slug === 'nhap-rieng')).toBe(false);
		expect(bySlug.has('empty')).toBe(false);
		expect(messages).toContain(
			'tests/fixtures/site/empty.md file: expected a post, saw an empty file; it is not published; write the post or delete the file'
		);
	});

	it('uses the written excerpt, else the first paragraph', () => {
		expect(bySlug.get('unquoted-date')?.excerpt).toBe('Đoạn trích viết tay.');
		expect(bySlug.get('unquoted-date')?.date).toBe('2024-05-01');
	});

	it('joins categories that slug the same', () => {
		expect(bySlug.get('callout')?.categories).toEqual([{ name: 'AI', slug: 'ai' }]);
	});

	it('warns about missing posts, anchors and images with file and line', () => {
		expect(messages).toEqual(
			expect.arrayContaining([
				'tests/fixtures/site/links.md:8 link: expected a post at ./khong-co.md, saw no such post; check the file name of the post you link to',
				'tests/fixtures/site/links.md:8 link: expected a heading "#khong-co-muc" in tests/fixtures/site/headings.md, saw none; check the heading you link to',
				'tests/fixtures/site/links.md:10 image: expected a file at ./hinh/thieu.png (next to the post), saw none; add the file or fix the path',
				'tests/fixtures/site/links.md:10 image: expected /images/khong-co.png in static/images/, saw no such file; add the file to static/images/khong-co.png'
			])
		);
		expect(messages.filter((m) => m.includes('#phan-a') || m.includes('#vi-du-1'))).toEqual([]);
	});

	it('copies images beside posts into the site', () => {
		expect([...content.media.keys()].sort()).toEqual([
			'/media/hinh/s%C6%A1%20%C4%91%E1%BB%93%20m%E1%BA%A1ng.svg',
			'/media/hinh/so-do.svg'
		]);
		expect(bySlug.get('links')?.coverImage).toBe('/media/hinh/so-do.svg');
	});

	it('publishes posts in subfolders, with links and images relative to them', () => {
		expect(bySlug.get('bai-long')?.title).toBe('Bài trong thư mục con');
		expect(messages.filter((m) => m.includes('tuan-2/bai-long.md') && !m.includes(' date:'))).toEqual([]);
	});

	it('reads UTF-16 and Windows-1258 files, and says how', () => {
		expect(bySlug.get('utf16')?.title).toBe('Tệp UTF-16');
		expect(bySlug.get('cp1258')?.title).toBe('Tiếng Việt cũ');
		expect(messages).toContain(
			'tests/fixtures/site/cp1258.md encoding: expected UTF-8, saw a file in Windows-1258; it was read as Windows-1258; save the file as UTF-8 in your editor'
		);
		expect(messages).toContain(
			'tests/fixtures/site/utf16.md encoding: expected UTF-8, saw a file in UTF-16; it was read as UTF-16; save the file as UTF-8 in your editor'
		);
	});

	it('publishes a post whose component is missing, without it and with a warning', () => {
		expect(bySlug.has('missing-component')).toBe(true);
		expect(
			messages.some(
				(m) =>
					m.startsWith('tests/fixtures/site/missing-component.md:7 script:') &&
					m.includes('KhongCo.svelte, which src/lib/components does not have; the post is published without it')
			)
		).toBe(true);
	});

	it('publishes HTML Svelte would refuse with no repair to report: under content trust no post goes through Svelte', () => {
		expect(messages.filter((m) => m.startsWith('tests/fixtures/site/svelte-breaker.md'))).toEqual([]);
	});
});
