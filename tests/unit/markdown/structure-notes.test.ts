/** Issue 25, point 3: a `#` heading that repeats the title is dropped with a note; an untouched template warns. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repeatsTitle } from '../../../src/lib/markdown/structure';
import { postTemplate } from '../../../scripts/new-post';
import { splitFrontmatter } from '../../../src/lib/content/source';
import { renderMarkdown } from '../../helpers/render';

const bodyOf = (text: string) => {
	const split = splitFrontmatter(text);
	return split.body;
};

describe('a heading that repeats the title', () => {
	it('is recognised through case, accents, emoji, a "Blog 1:" prefix and a parenthesis', () => {
		expect(repeatsTitle('Tiến trình & Luồng', 'Tiến trình & Luồng')).toBe(true);
		expect(repeatsTitle('📘 HỆ THỐNG PHÂN TÁN', 'Hệ thống phân tán')).toBe(true);
		expect(repeatsTitle('Ôn Luyện Thi Cuối Kỳ - Hệ Phân Tán', 'Blog 6: Ôn Luyện Thi Cuối Kỳ - Hệ Phân Tán')).toBe(true);
		expect(repeatsTitle('Hệ thống phân tán (Distributed Systems)', 'Hệ thống phân tán')).toBe(true);
		expect(repeatsTitle('Phân tán', 'Hệ thống phân tán')).toBe(false);
		expect(repeatsTitle('Kiến trúc hệ thống', 'Deliverable 2')).toBe(false);
	});

	it('is dropped with a note naming its line (the starter fixture)', async () => {
		const text = readFileSync('tests/fixtures/hints/starter.md', 'utf8');
		const { html, facts } = await renderMarkdown(bodyOf(text), { title: 'Blog 1: Giới thiệu về Hệ thống phân tán' });
		expect(html).not.toContain('Giới thiệu về Hệ thống phân tán');
		expect(facts.notes).toEqual([expect.objectContaining({ severity: 'warning', field: 'heading', line: 12 })]);
	});

	it('is kept as a section when it says something else, with no note', async () => {
		const { html, facts } = await renderMarkdown('# Kiến trúc hệ thống\n\nChữ.\n', { title: 'Deliverable 2' });
		expect(html).toMatch(/<h2[^>]*>Kiến trúc hệ thống/);
		expect(facts.notes).toEqual([]);
	});
});

describe('the npm run new template', () => {
	it('warns while its placeholder paragraphs are there, naming their lines', async () => {
		const { facts } = await renderMarkdown(bodyOf(postTemplate('Bài A', '2025-05-07')), { title: 'Bài A' });
		expect(facts.notes).toEqual([
			expect.objectContaining({
				severity: 'warning',
				field: 'template',
				line: 12,
				fix: "replace the template's text with yours (lines 12, 16, 20)"
			})
		]);
	});

	it('is quiet once the text is the author’s own, headings of the template included', async () => {
		const edited = postTemplate('Bài A', '2025-05-07')
			.replace('Mở đầu: bài này nói về điều gì, trong một hai câu.', 'Bài này nói về RPC.')
			.replace(/Viết ở đây\..*$/m, 'Nội dung của tôi.')
			.replace('Những ý chính cần nhớ.', 'Ba ý chính.');
		const { facts } = await renderMarkdown(bodyOf(edited), { title: 'Bài A' });
		expect(facts.notes).toEqual([]);
	});
});
