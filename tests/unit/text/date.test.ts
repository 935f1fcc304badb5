import { describe, expect, it } from 'vitest';
import { dayToDate, formatDateVi, parseDate } from '../../../src/lib/text/date';

describe('parseDate', () => {
	it('reads 2025-05-11 and 2025-5-11 as the same calendar day', () => {
		expect(parseDate('2025-05-11')).toEqual({ ok: true, day: '2025-05-11' });
		expect(parseDate('2025-5-11')).toEqual({ ok: true, day: '2025-05-11' });
		expect(parseDate('2025/05/11')).toEqual({ ok: true, day: '2025-05-11' });
	});

	it('keeps the written day of a timestamp, whatever its offset', () => {
		expect(parseDate('2025-05-11T23:30:00+07:00')).toEqual({ ok: true, day: '2025-05-11' });
		expect(parseDate('2024-05-01T00:00:00.000Z')).toEqual({ ok: true, day: '2024-05-01' });
	});

	it('reads a YAML Date in UTC', () => {
		expect(parseDate(new Date(Date.UTC(2024, 4, 1)))).toEqual({ ok: true, day: '2024-05-01' });
	});

	it('refuses an impossible day and suggests the swapped one', () => {
		const r = parseDate('2025-18-5');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.hint).toContain('did you mean 2025-05-18?');
	});

	it('refuses 04/05/2025 as ambiguous, naming both readings', () => {
		const r = parseDate('04/05/2025');
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.hint).toContain('ambiguous; write it as YYYY-MM-DD (2025-05-04 or 2025-04-05)');
	});

	it('reads 05/05/2025 as that day: both orders give the same date', () => {
		expect(parseDate('05/05/2025')).toEqual({ ok: true, day: '2025-05-05' });
	});

	// Finding 12 of issue 21: `date: 0025-05-11` was shown as 1925 (Date.UTC maps the years 0–99 to 19xx).
	it('refuses a year before 1970 or after 2100 as a typo, naming the year', () => {
		for (const [value, hint] of [
			['0025-05-11', 'the year 25 is before 1970'],
			['11/05/0025', 'the year 25 is before 1970'],
			['1925-05-11', 'the year 1925 is before 1970'],
			['2205-05-11', 'the year 2205 is after 2100']
		] as const) {
			const r = parseDate(value);
			expect(r, value).toMatchObject({ ok: false, expected: 'a date like 2025-05-11' });
			if (!r.ok) expect(r.hint).toContain(hint);
		}
		const old = new Date(0);
		old.setUTCFullYear(25, 4, 11);
		expect(parseDate(old).ok).toBe(false);
	});

	it('accepts the first and the last year', () => {
		expect(parseDate('1970-01-01')).toEqual({ ok: true, day: '1970-01-01' });
		expect(parseDate('2100-12-31')).toEqual({ ok: true, day: '2100-12-31' });
	});

	it('refuses words', () => {
		expect(parseDate('hôm qua').ok).toBe(false);
		expect(parseDate(20250511).ok).toBe(false);
	});
});

describe('formatDateVi', () => {
	it('formats as Vietnamese readers expect, in UTC', () => {
		expect(formatDateVi('2025-05-11')).toBe('11 tháng 5, 2025');
		expect(formatDateVi('2024-01-01')).toBe('1 tháng 1, 2024');
	});
});

describe('dayToDate', () => {
	it('keeps the year as written, even one below 100', () => {
		expect(dayToDate('2025-05-11').toISOString()).toBe('2025-05-11T00:00:00.000Z');
		expect(dayToDate('0025-05-11').getUTCFullYear()).toBe(25);
		expect(formatDateVi('0025-05-11')).not.toContain('1925');
	});
});
