import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/problems';
import { decodePost, looksLikeWindows1258, readSource } from '../../../src/lib/content/read';
import { stripControl } from '../../../src/lib/text/control';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readSource(resolve(ROOT, file), readFileSync(resolve(ROOT, file)), ROOT);

// Finding 12 of issue 21: a GBK or Windows-1251 file was read as Windows-1258 and "repaired" into garbage.
describe('encodings other than UTF-8, UTF-16 and Windows-1258', () => {
	it('names a GBK file instead of reading it as Windows-1258', () => {
		const source = read('tests/fixtures/encodings/gbk.md');
		expect(source.readable).toBe(false);
		expect(source.problems.map(formatProblem)).toEqual([
			'tests/fixtures/encodings/gbk.md:2 encoding: expected UTF-8 (or UTF-16, or Windows-1258) text, saw bytes that look like GBK (Chinese); the file cannot be read and is left out; save the file as UTF-8 in your editor (VS Code: "Reopen with Encoding" with its encoding, then "Save with Encoding" → UTF-8)'
		]);
		expect(source.problems[0]).toMatchObject({ severity: 'error', scope: 'post' });
	});

	it('names a Windows-1251 file', () => {
		const source = read('tests/fixtures/encodings/cp1251.md');
		expect(source.readable).toBe(false);
		expect(source.problems).toHaveLength(1);
		expect(formatProblem(source.problems[0])).toMatch(
			/^tests\/fixtures\/encodings\/cp1251\.md:2 encoding: expected UTF-8 .*, saw bytes that look like Windows-1251 \(Cyrillic\);.* save the file as UTF-8/
		);
	});

	it('still reads a Vietnamese Windows-1258 file, with a warning', () => {
		const source = read('tests/fixtures/encodings/cp1258.md');
		expect(source.readable).toBe(true);
		expect(source.meta.title).toBe('Tiến trình và luồng');
		expect(source.body).toContain('Đường đi của được người ở ước. Khuỷu tay, chuyện, Hệ thống phân tán.');
		expect(source.problems.map((p) => [p.severity, p.field])).toEqual([['warning', 'encoding']]);
	});

	it('reads French and German Latin-1 bytes as before', () => {
		const bytes = Buffer.from('Caf\xe9 cr\xe8me, \xc0 la fran\xe7aise, Gr\xf6\xdfe, \xabguillemets\xbb', 'latin1');
		expect(decodePost(bytes)).toEqual({
			text: 'Café crème, À la française, Größe, «guillemets»',
			encoding: 'Windows-1258'
		});
	});

	it('says "another encoding" when it cannot tell which', () => {
		// not GBK (a lead byte before a space), nor Cyrillic, nor Windows-1258 (0x81 is undefined there)
		const bytes = Buffer.from('# A\n\nx \x98 y \xa4\xa6\xa7\xa9 \x81 z\n', 'latin1');
		expect(looksLikeWindows1258(new TextDecoder('windows-1258').decode(bytes))).toBe(false);
		expect(decodePost(bytes)).toEqual({ text: '', foreign: { line: 3, guess: undefined } });
	});
});

// Finding 12 of issue 21: a control character in a title or excerpt made rss.xml unreadable for every reader.
describe('control characters', () => {
	const source = read('tests/fixtures/control-chars/ky-tu-dieu-khien.md');

	it('removes them from every text field and from the body, and the post is published', () => {
		expect(source.readable).toBe(true);
		expect(source.meta).toMatchObject({
			title: 'Chuông báo',
			excerpt: 'Tóm[31m tắt ngắn',
			categories: ['Mạng', 'Hệ thống'],
			author: 'Nhóm 3',
			series: 'Bài tập'
		});
		expect(source.body).toContain('Dòng có  ký tự lạ.');
		expect(stripControl(source.body).removed).toEqual([]);
		// body lines stay file lines
		expect(source.body.split('\n')[11]).toBe('Dòng có  ký tự lạ.');
	});

	it('warns once per field and once for the body, naming file, line and field', () => {
		const shown = source.problems.map((p) => `${p.severity} ${p.line} ${p.field}`).sort();
		expect(shown).toEqual([
			'warning 12 text',
			'warning 2 title',
			'warning 3 excerpt',
			'warning 4 categories',
			'warning 5 author',
			'warning 6 series'
		]);
		expect(source.problems.map(formatProblem)).toContain(
			'tests/fixtures/control-chars/ky-tu-dieu-khien.md:12 text: expected text without control characters, saw U+000C on line 12; it was removed; delete the invisible characters (an editor that shows control characters helps), or retype those lines'
		);
	});
});

// Finding 12 of issue 21: `date: 0025-05-11` was shown as 1925.
describe('a year out of range', () => {
	it('is a content error on that field, and the post is published undated', () => {
		const source = read('tests/fixtures/dates/nam-0025.md');
		expect(source.readable).toBe(true);
		expect(source.meta.date).toBeUndefined();
		expect(source.meta.updated).toBeUndefined();
		expect(source.problems.map(formatProblem)).toEqual([
			'tests/fixtures/dates/nam-0025.md:3 date: expected a date like 2025-05-11, saw "0025-05-11"; the year 25 is before 1970; write the full year of the post, e.g. date: 2025-05-11',
			'tests/fixtures/dates/nam-0025.md:4 updated: expected a date like 2025-05-11, saw "2205-01-01"; the year 2205 is after 2100; write the full year of the post, e.g. date: 2025-05-11'
		]);
		expect(source.problems.every((p) => p.severity === 'error' && p.scope === 'field')).toBe(true);
	});
});

describe('mojibake shown as an example in code', () => {
	it('is shown as written, while the text around it is shown repaired', () => {
		const source = read('tests/fixtures/mojibake-fix/vi-du-trong-ma.md');
		expect(source.meta.title).toBe('Tiến trình');
		expect(source.body).toContain('Một đoạn bị lỗi mã.');
		expect(source.body).toContain('```text\nTiáº¿n trÃ¬nh\n```');
		expect(source.body).toContain('<pre>Tiáº¿n trÃ¬nh</pre>');
	});
});
