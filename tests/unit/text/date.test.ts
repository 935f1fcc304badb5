import { describe, expect, it } from 'vitest';
import { formatDateVi, parseDate } from '../../../src/lib/text/date';

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
