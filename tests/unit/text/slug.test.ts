import { describe, expect, it } from 'vitest';
import { createSlugger, foldToAscii, slugFromFileName, slugify } from '../../../src/lib/text/slug';

describe('slugify', () => {
	it('folds Vietnamese letters to ASCII, đ included', () => {
		expect(slugify('Hệ thống phân tán')).toBe('he-thong-phan-tan');
		expect(slugify('Đường dẫn đồng bộ')).toBe('duong-dan-dong-bo');
		expect(foldToAscii('Định danh ơ ư ế ệ ị ồ ữ ự ỵ')).toBe('Dinh danh o u e e i o u u y');
	});

	it('makes the file-name slug of a post', () => {
		expect(slugFromFileName('Tiến trình và luồng (bản nháp 2).md')).toBe('tien-trinh-va-luong-ban-nhap-2');
		expect(slugFromFileName('075-Thread&Process.md')).toBe('075-thread-process');
	});

	it('gives the same slug to NFC and NFD spellings', () => {
		expect(slugify('Tiến trình'.normalize('NFD'))).toBe(slugify('Tiến trình'));
	});

	it('joins spellings that differ only in case and spaces', () => {
		expect(new Set(['AI', 'ai', ' AI ']).size).toBe(3);
		expect(new Set(['AI', 'ai', ' AI '].map(slugify))).toEqual(new Set(['ai']));
	});

	it('never returns an empty slug for text without Latin letters', () => {
		expect(slugify('分布式')).toMatch(/^u[0-9a-f]+(-u[0-9a-f]+)*$/);
		expect(slugify('分布式')).not.toBe(slugify('系统'));
	});
});

describe('createSlugger', () => {
	it('makes repeated headings unique: vi-du, vi-du-1, vi-du-2', () => {
		const slug = createSlugger();
		expect([slug('Ví dụ'), slug('Ví dụ'), slug('Ví dụ')]).toEqual(['vi-du', 'vi-du-1', 'vi-du-2']);
	});

	it('gives ASCII ids to numbered Vietnamese headings', () => {
		expect(createSlugger()('1. Kiểm tra CPU')).toBe('1-kiem-tra-cpu');
	});

	it('does not reuse an id a later heading spelled out', () => {
		const slug = createSlugger();
		expect([slug('a-1'), slug('a'), slug('a')]).toEqual(['a-1', 'a', 'a-2']);
	});
});
