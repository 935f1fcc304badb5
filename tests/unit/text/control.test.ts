import { describe, expect, it } from 'vitest';
import { firstNonXmlChar, stripControl, stripControlDeep } from '../../../src/lib/text/control';

describe('stripControl', () => {
	it('removes C0 controls, DEL, C1, lone surrogates and U+FFFE/U+FFFF, and names each once', () => {
		const { text, removed } = stripControl('a\u0007b\u001b[31mc\u007fd\u0085e\uFFFEf\uD800g\u0007');
		expect(text).toBe('ab[31mcdefg');
		expect(removed).toEqual(['U+0007', 'U+001B', 'U+007F', 'U+0085', 'U+FFFE', 'U+D800']);
	});

	it('keeps tab, newline, carriage return, Vietnamese, emoji and other scripts', () => {
		const text = 'Tiến trình\tvà\nluồng\r\n🧠 中文 Ελληνικά';
		expect(stripControl(text)).toEqual({ text, removed: [] });
	});

	it('cleans the strings of a list and leaves other values as they are', () => {
		expect(stripControlDeep(['Mạng\u000b', 3, 'RPC'])).toEqual({ value: ['Mạng', 3, 'RPC'], removed: ['U+000B'] });
		const date = new Date(0);
		expect(stripControlDeep(date)).toEqual({ value: date, removed: [] });
	});
});

describe('firstNonXmlChar', () => {
	it('finds what XML 1.0 forbids, with its line and column', () => {
		expect(firstNonXmlChar('<a>\n  <b>x\u0007</b></a>')).toEqual({ line: 2, column: 7, char: 'U+0007' });
		expect(firstNonXmlChar('<a>\uDC00</a>')?.char).toBe('U+DC00');
	});

	it('accepts what XML 1.0 allows, C1 controls and astral characters included', () => {
		expect(firstNonXmlChar('<a>\t\n\r\u0085 🧠 \uE000</a>')).toBeUndefined();
	});
});
