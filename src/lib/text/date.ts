/** A calendar day as `YYYY-MM-DD`; never a moment in some time zone. */
export type CalendarDay = string;

export type DateResult = { ok: true; day: CalendarDay } | { ok: false; expected: string; hint: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** Midnight UTC of a day; unlike `Date.UTC`, which maps the years 0–99 to 1900–1999, the year is taken as written. */
function utcDate(y: number, monthIndex: number, d: number): Date {
	const date = new Date(0);
	date.setUTCFullYear(y, monthIndex, d);
	return date;
}

function isRealDay(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const days = new Date(Date.UTC(2000 + (y % 400), m, 0)).getUTCDate();
	return d <= days;
}

const EXPECTED = 'a date like 2025-05-11';

/** The years a post of this course can be dated in; anything else is a typo (`0025`, `2205`). */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;

/** The refusal of a year out of range, or undefined when it is fine. */
function yearProblem(y: number): DateResult | undefined {
	if (y >= FIRST_YEAR && y <= LAST_YEAR) return undefined;
	return {
		ok: false,
		expected: EXPECTED,
		hint: `the year ${y} is ${y < FIRST_YEAR ? 'before' : 'after'} ${y < FIRST_YEAR ? FIRST_YEAR : LAST_YEAR}; write the full year of the post, e.g. date: 2025-05-11`
	};
}

/**
 * Parses a frontmatter date. Accepts `2025-05-11`, `2025-5-11`, `2025/05/11`, an ISO timestamp (its calendar day is
 * kept as written, whatever the machine's time zone) and a JS Date from a YAML timestamp (read in UTC).
 * `04/05/2025` is refused as ambiguous (day/month or month/day); `05/05/2025` reads the same either way and is kept.
 */
export function parseDate(value: unknown): DateResult {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return { ok: false, expected: EXPECTED, hint: 'write the date as YYYY-MM-DD' };
		const wrongYear = yearProblem(value.getUTCFullYear());
		if (wrongYear) return wrongYear;
		return {
			ok: true,
			day: `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
		};
	}
	if (typeof value !== 'string') {
		return { ok: false, expected: EXPECTED, hint: 'write the date as YYYY-MM-DD, e.g. date: 2025-05-11' };
	}
	const text = value.trim();
	const iso =
		/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
			text
		);
	if (iso) {
		const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
		const wrongYear = yearProblem(y);
		if (wrongYear) return wrongYear;
		if (!isRealDay(y, m, d)) {
			const swapped = isRealDay(y, d, m) ? ` (did you mean ${y}-${pad(d)}-${pad(m)}?)` : '';
			return {
				ok: false,
				expected: EXPECTED,
				hint: `month ${m}, day ${d} is not a real day${swapped}; write it as YYYY-MM-DD`
			};
		}
		return { ok: true, day: `${y}-${pad(m)}-${pad(d)}` };
	}
	const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
	if (dmy) {
		const [a, b, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
		const wrongYear = yearProblem(y);
		if (wrongYear) return wrongYear;
		const readings = new Set<string>();
		if (isRealDay(y, b, a)) readings.add(`${y}-${pad(b)}-${pad(a)}`);
		if (isRealDay(y, a, b)) readings.add(`${y}-${pad(a)}-${pad(b)}`);
		const options = [...readings];
		// 05/05/2025 reads the same either way.
		if (options.length === 1 && a === b) return { ok: true, day: options[0] };
		return {
			ok: false,
			expected: EXPECTED,
			hint:
				options.length === 0
					? 'this is not a real day; write it as YYYY-MM-DD'
					: `day and month order is ambiguous; write it as YYYY-MM-DD (${options.join(' or ')})`
		};
	}
	return { ok: false, expected: EXPECTED, hint: 'write the date as YYYY-MM-DD, e.g. date: 2025-05-11' };
}

const viLong = new Intl.DateTimeFormat('vi-VN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2025-05-11` → `11 tháng 5, 2025`, always in UTC so the day never moves. */
export function formatDateVi(day: CalendarDay): string {
	const [y, m, d] = day.split('-').map(Number);
	return viLong.format(utcDate(y, m - 1, d));
}

/** `2025-05-11` → a Date at 00:00 UTC that day (for feeds and sitemaps). */
export function dayToDate(day: CalendarDay): Date {
	const [y, m, d] = day.split('-').map(Number);
	return utcDate(y, m - 1, d);
}
