import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	analyzeMojibake,
	looksLikeMojibake,
	markdownCodeRanges,
	repairMojibake,
	type Codepage,
	type MojibakeSpot
} from '../../../src/lib/text/mojibake';

/** Code page tables built apart from the module: Windows-1252 is Windows-1254 but for eight bytes. */
function codepageChars(codepage: Codepage): string[] {
	const all = Uint8Array.from({ length: 256 }, (_, b) => b);
	const chars = [...new TextDecoder(codepage === 'windows-1252' ? 'windows-1254' : codepage).decode(all)];
	if (codepage === 'windows-1252') {
		for (const b of [0xd0, 0xdd, 0xde, 0xf0, 0xfd, 0xfe]) chars[b] = String.fromCharCode(b);
		chars[0x8e] = 'Ž';
		chars[0x9e] = 'ž';
	}
	return chars;
}

/** What an editor does: read UTF-8 bytes with a legacy code page; `drop` loses the bytes it cannot show. */
function mangle(text: string, codepage: Codepage, drop = false): string {
	const chars = codepageChars(codepage);
	let out = '';
	for (const b of new TextEncoder().encode(text)) {
		const undefinedByte = b >= 0x80 && b < 0xa0 && chars[b].charCodeAt(0) === b;
		if (drop && (undefinedByte || b === 0xad)) continue;
		out += chars[b];
	}
	return out;
}

/** The text with every spot's `after` put in, guesses included, working from the end so positions hold. */
function applyGuesses(text: string, spots: MojibakeSpot[]): string {
	const lines = text.split('\n');
	for (const spot of [...spots].reverse()) {
		if (spot.after === undefined) continue;
		const l = lines[spot.line - 1];
		lines[spot.line - 1] = l.slice(0, spot.column - 1) + spot.after + l.slice(spot.column - 1 + spot.before.length);
	}
	return lines.join('\n');
}

/** The input text a spot points at, from its 1-based line and column. */
function textAt(text: string, spot: MojibakeSpot): string {
	const line = text.split('\n')[spot.line - 1];
	return line.slice(spot.column - 1, spot.column - 1 + spot.before.length);
}

const SAMPLE = [
	'# Tiến trình & Luồng',
	'',
	'Hệ thống phân tán — “đồng thời” … Điều phối: người dùng gửi yêu cầu, máy chủ xử lý.',
	'Ứng dụng đa luồng: Ít nhất 4 nhân, 8 luồng; tốc độ ~4.2 GHz ± 5 %, 30 °C.',
	'α → β ✓ 🏠 📚 🧠 🛠️ Nguyễn Văn Đức, Trần Thị Huyền.',
	''
].join('\n');

const CLEAN = [
	'Tiến trình và luồng',
	'Hệ thống phân tán',
	'đường dẫn',
	'Ưu tiên — “Đường” ‘ổn’ «ấy» 10 °C',
	'café crème, déjà vu, naïve, Noël',
	'Müller, Straße, schön',
	'¿Qué tal? ¡Olé! España, niño, acción',
	'AÇÃO, INFORMAÇÕES, São Paulo',
	'🏠 📚 🧠 👩‍💻 ❤️ 🇻🇳',
	'x² + y² ≤ r², ∑ᵢ aᵢ, α → β, ±5 %, ∞',
	'He said “hello” — then left… ‘quoted’ – 1990–2000 • item © 2025 ™ ®',
	'Dvořák, Łódź, Øresund, Æsir, œuvre',
	'Ελληνικά, Русский, 中文, 日本語, 한국어'
];

// clean text that does pair a UTF-8 lead with a continuation in some code page, so only the full analysis clears it
const TRICKY = [
	'l’été, l’équipe, d’où', // Mac Roman: ’ is a lead byte, é a continuation
	'«\u00A0Déjà vu\u00A0»', // Windows-1252: à, NBSP and » are valid UTF-8 for U+083B
	'“Il était une fois le café…”',
	'il a dit ‘café’”',
	'„Äpfel“ und „Über“, Spaß“',
	'Spanish «está».',
	'√π ≈ 1.772 and √∞', // Mac Roman: √π is ù
	'“CAFÉ”',
	'“à” ‘é’ —è –ù «ü»'
];

describe('looksLikeMojibake', () => {
	it('flags Windows-1252, Windows-1254 and Mac Roman mojibake', () => {
		expect(looksLikeMojibake('Tiáº¿n trÃ¬nh')).toBe(true);
		expect(looksLikeMojibake('ğŸ“š Home')).toBe(true);
		expect(looksLikeMojibake('Ti·∫øn tr√¨nh')).toBe(true);
	});

	it('lets clean Vietnamese and European text through without a deeper look', () => {
		for (const text of CLEAN) expect(looksLikeMojibake(text), text).toBe(false);
	});
});

describe('analyzeMojibake', () => {
	it('repairs Windows-1252 mojibake in a title', () => {
		const report = analyzeMojibake('title: "Tiáº¿n trÃ¬nh & Luá»“ng"');
		expect(report.found).toBe(true);
		expect(report.repaired).toBe('title: "Tiến trình & Luồng"');
		expect(report.spots.map((s) => [s.before, s.after, s.certain, s.codepage])).toEqual([
			['áº¿', 'ế', true, 'windows-1252'],
			['Ã¬', 'ì', true, 'windows-1252'],
			['á»“', 'ồ', true, 'windows-1252']
		]);
		expect(report.cause).toBe('UTF-8 text that was opened as Windows-1252 and saved again');
	});

	it('repairs Mac Roman mojibake', () => {
		const report = analyzeMojibake('Ti·∫øn tr√¨nh v√† lu·ªìng');
		expect(report.repaired).toBe('Tiến trình và luồng');
		expect(report.spots.every((s) => s.certain && s.codepage === 'macintosh')).toBe(true);
		expect(report.cause).toBe('UTF-8 text that was opened as Mac Roman and saved again');
	});

	it('repairs an emoji that only Windows-1254 explains', () => {
		const report = analyzeMojibake('- [ğŸ“š Module 01](x.md) vÃ\u00A0 Tiáº¿n');
		expect(report.repaired).toBe('- [📚 Module 01](x.md) và Tiến');
		expect(report.spots[0]).toMatchObject({ before: 'ğŸ“š', after: '📚', codepage: 'windows-1254', certain: true });
		expect(report.cause).toContain('some characters read as Windows-1254');
	});

	it('repairs the mojibake on a line that also has correct Vietnamese', () => {
		const report = analyzeMojibake('Tiến trình và Luá»“ng, “đồng thời” Ä‘Ãºng');
		expect(report.repaired).toBe('Tiến trình và Luồng, “đồng thời” đúng');
		expect(report.spots.map((s) => s.column)).toEqual([17, 36]);
	});

	it('restores a whole document mangled through each code page', () => {
		for (const codepage of ['windows-1252', 'windows-1254', 'macintosh'] as const) {
			const mangled = mangle(SAMPLE, codepage);
			const report = analyzeMojibake(mangled);
			expect(report.repaired, codepage).toBe(SAMPLE);
			expect(report.spots.every((s) => s.certain)).toBe(true);
		}
	});

	it('keeps undefined bytes that a tool stored as C1 controls', () => {
		expect(analyzeMojibake('Huyá»\u0081n').repaired).toBe('Huyền');
	});

	it('repairs what it can on a line with a lost byte and flags the rest with a guess', () => {
		const report = analyzeMojibake('author: "Tráº§n Huyá»n Trang"');
		expect(report.repaired).toBe('author: "Trần Huyá»n Trang"');
		expect(report.spots).toEqual([
			{ line: 1, column: 12, codepage: 'windows-1252', before: 'áº§', after: 'ầ', certain: true },
			{ line: 1, column: 20, codepage: 'windows-1252', before: 'á»', after: 'ề', certain: false }
		]);
		expect(report.cause).toContain('1 spot lost bytes');
	});

	it('guesses a dropped soft hyphen as í and leaves the text alone', () => {
		const report = analyzeMojibake('mÃ¡y tÃnh');
		expect(report.repaired).toBe('máy tÃnh');
		expect(report.spots[1]).toMatchObject({ before: 'Ã', after: 'í', certain: false });
	});

	it('offers a plain space that stands for a flattened NBSP only as a guess', () => {
		const report = analyzeMojibake('Ä‘Ã¢y lÃ  sÃ¡ch');
		expect(report.repaired).toBe('đây lÃ  sách');
		expect(report.spots[1]).toMatchObject({ before: 'Ã ', after: 'à', certain: false });
	});

	it('gives no guess when several lost bytes make equally good words', () => {
		const report = analyzeMojibake('Tiáº¿n há»a');
		expect(report.spots[1]).toMatchObject({ before: 'á»', certain: false });
		expect(report.spots[1].after).toBeUndefined();
	});

	it('treats a C1 control for a byte the code page does define as uncertain', () => {
		// a Latin-1 reading: U+0080 stands for byte 0x80, which Windows-1252 shows as €
		const report = analyzeMojibake('Tiáº¿n â\u0080\u0093 xong');
		expect(report.repaired).toBe('Tiến â\u0080\u0093 xong');
		expect(report.spots[1]).toMatchObject({ after: '–', certain: false });
	});

	it('repairs what survived a save that dropped bytes and invents nothing', () => {
		const mangled = mangle(SAMPLE, 'windows-1252', true);
		const report = analyzeMojibake(mangled);
		const uncertain = report.spots.filter((s) => !s.certain);
		expect(uncertain.length).toBeGreaterThan(0);
		// ASCII survives, so words line up: each is either restored or still holds an untouched uncertain spot
		const got = report.repaired.split(/[ \n]/);
		const want = SAMPLE.split(/[ \n]/);
		expect(got).toHaveLength(want.length);
		got.forEach((word, i) => {
			if (word !== want[i])
				expect(
					uncertain.some((s) => word.includes(s.before.trim())),
					word
				).toBe(true);
		});
		for (const spot of report.spots) expect(textAt(mangled, spot)).toBe(spot.before);
		expect(uncertain.map((s) => s.after)).toEqual(expect.arrayContaining(['Đ', 'Í', 'ề']));
	});

	it('reports 1-based line and column of every spot', () => {
		const text = 'đầu\nTiáº¿n trÃ¬nh\r\n  Huyá»n\n';
		const report = analyzeMojibake(text);
		expect(report.spots.map((s) => [s.line, s.column])).toEqual([
			[2, 3],
			[2, 10],
			[3, 6]
		]);
		for (const spot of report.spots) expect(textAt(text, spot)).toBe(spot.before);
	});

	it('leaves clean text alone, the same string instance', () => {
		for (const text of [...CLEAN, ...TRICKY, CLEAN.join('\n'), SAMPLE]) {
			const report = analyzeMojibake(text);
			expect(report.found, text).toBe(false);
			expect(report.repaired).toBe(text);
			expect(report.spots).toEqual([]);
			expect(report.cause).toBeUndefined();
		}
	});

	it('looks past the pre-check on typographic quotes, guillemets and math', () => {
		for (const text of TRICKY) {
			expect(looksLikeMojibake(text), text).toBe(true);
			expect(analyzeMojibake(text).found, text).toBe(false);
		}
	});

	it('wants one certain repair before it reports a lost byte', () => {
		expect(analyzeMojibake('Huyá»n').found).toBe(false);
		expect(analyzeMojibake('Huyá»n Tráº§n').spots).toHaveLength(2);
	});
});

// Finding 12 of issue 21: `--fix` changed clean `«Ä»` into `«Ļ` and "repaired" mojibake shown as an example in code.
describe('certainty and code', () => {
	const fixture = (name: string) =>
		readFileSync(fileURLToPath(new URL(`../../fixtures/mojibake-fix/${name}`, import.meta.url)), 'utf8');

	it('leaves a capital letter before closing punctuation alone: «Ä», «Ö», Ã» are clean text', () => {
		const text = fixture('sach.md');
		expect(analyzeMojibake(text)).toEqual({ found: false, repaired: text, spots: [] });
		expect(analyzeMojibake('Nói «Ä» đi').repaired).toBe('Nói «Ä» đi');
	});

	it('never turns «Ä» into a rare letter, even beside real mojibake', () => {
		expect(analyzeMojibake('«Ä» và Tiáº¿n trÃ¬nh').repaired).toBe('«Ä» và Tiến trình');
	});

	it('still repairs ư, é and ĩ, whose misreadings end in closing punctuation, in a text with mojibake', () => {
		expect(analyzeMojibake('Tiáº¿n trÆ°á»›c, cafÃ©, kÄ©').repaired).toBe('Tiến trước, café, kĩ');
	});

	it('finds fenced, inline and HTML code, an unclosed fence running to the end', () => {
		const text = fixture('vi-du-trong-ma.md');
		const code = markdownCodeRanges(text).map(([a, b]) => text.slice(a, b));
		expect(code).toEqual([
			'```text\nTiáº¿n trÃ¬nh\n```\n',
			'`Tiáº¿n`',
			'<code>Tiáº¿n</code',
			'<pre>Tiáº¿n trÃ¬nh</pre',
			'~~~\nTiáº¿n chÆ°a Ä‘Ã³ng\n'
		]);
	});

	it('does not take <code> written inside inline code, or backticks in the frontmatter, for code', () => {
		const text = '---\ntitle: "`Tiáº¿n`"\n---\nDùng thẻ `<code>` rồi Tiáº¿n.\n';
		expect(markdownCodeRanges(text).map(([a, b]) => text.slice(a, b))).toEqual(['`<code>`']);
	});

	it('repairs the text and leaves the examples in code as written', () => {
		const text = fixture('vi-du-trong-ma.md');
		const { repaired } = analyzeMojibake(text, { skip: markdownCodeRanges(text) });
		expect(repaired).toContain('title: "Tiến trình"');
		expect(repaired).toContain('Một đoạn bị lỗi mã.');
		expect(repaired).toContain('```text\nTiáº¿n trÃ¬nh\n```');
		expect(repaired).toContain('`Tiáº¿n` trong dòng, <code>Tiáº¿n</code> hoặc');
		expect(repaired).toContain('<pre>Tiáº¿n trÃ¬nh</pre>');
		expect(repaired).toContain('~~~\nTiáº¿n chÆ°a Ä‘Ã³ng');
	});

	it('reports no mojibake when there is some only in code', () => {
		const text = 'Ví dụ:\n\n```\nTiáº¿n trÃ¬nh\n```\n';
		expect(analyzeMojibake(text, { skip: markdownCodeRanges(text) }).found).toBe(false);
	});
});

describe('repairMojibake', () => {
	it('returns the repaired text', () => {
		expect(repairMojibake('Há»‡ thá»‘ng phÃ¢n tÃ¡n')).toBe('Hệ thống phân tán');
	});

	it('returns the same string instance for clean text', () => {
		const text = CLEAN.join('\n');
		expect(repairMojibake(text)).toBe(text);
	});
});

const SEEDS = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

describe.skipIf(!existsSync(SEEDS))('the seed posts', () => {
	const read = (name: string) => readFileSync(SEEDS + name, 'utf8');
	const line = (text: string, key: string) => text.split('\n').find((l) => l.startsWith(key));
	const certainShare = (spots: MojibakeSpot[]) => spots.filter((s) => s.certain).length / spots.length;

	it('repairs the Windows-1252 title of 000 and flags the lost byte in its author', () => {
		const text = read('000_efed89fa0f00f6f7.md');
		const report = analyzeMojibake(text);
		expect(line(report.repaired, 'title:')).toBe('title: "Tiến trình & Luồng"');
		expect(line(report.repaired, 'author:')).toBe('author: "Trần Huyá»n Trang"');
		const author = report.spots.filter((s) => s.line === 5);
		expect(author.map((s) => [s.before, s.after, s.certain])).toEqual([
			['áº§', 'ầ', true],
			['á»', 'ề', false]
		]);
		expect(report.cause).toMatch(/^UTF-8 text that was opened as Windows-1252 and saved again/);
	});

	it('repairs the Mac Roman post 001 completely', () => {
		const report = analyzeMojibake(read('001_01bfb444e0fec87a.md'));
		expect(line(report.repaired, 'title:')).toBe('title: "Ti\u1EBFn tr\u00ECnh v\u00E0 lu\u1ED3ng"');
		expect(report.spots.every((s) => s.certain)).toBe(true);
		expect(analyzeMojibake(report.repaired).found).toBe(false);
	});

	it('leaves the clean post 003 unchanged', () => {
		const text = read('003_aacb3d7b625f15a4.md');
		const report = analyzeMojibake(text);
		expect(report.found).toBe(false);
		expect(report.repaired).toBe(text);
	});

	it('makes most of 002 and 004 readable Vietnamese', () => {
		const r002 = analyzeMojibake(read('002_d7046d83bd5d4075.md'));
		expect(line(r002.repaired, 'title:')).toMatch(/^title: "Buổi 2 – Ứng dụng đa luồng, đa tiến trình và huấn luyện/);
		expect(r002.repaired).toContain('## Câu 1. Cấu hình phần cứng hệ thống');
		const text004 = read('004_03175aef36ca71c2.md');
		const r004 = analyzeMojibake(text004);
		// ọ in Học is E1 BB 8D and Windows-1252 has no 0x8D: that word stays as it was, with ọ as the guess
		expect(r004.repaired).toContain('# Tối Ưu Hóa Huấn Luyện Mô Hình Há»c Sâu Bằng GPU: Nguyên Lý và Thực Hành');
		expect(applyGuesses(text004, r004.spots)).toContain('# Tối Ưu Hóa Huấn Luyện Mô Hình Học Sâu Bằng GPU');
		expect(r004.repaired).toContain('[📚 Module 01: LLM Course]');
		for (const report of [r002, r004]) expect(certainShare(report.spots)).toBeGreaterThan(0.8);
	});

	it('leaves no mojibake behind except in the spots it flags', () => {
		for (const name of ['000_efed89fa0f00f6f7.md', '002_d7046d83bd5d4075.md', '004_03175aef36ca71c2.md']) {
			const text = read(name);
			const report = analyzeMojibake(text);
			for (const spot of report.spots) expect(textAt(text, spot)).toBe(spot.before);
			// a second pass finds only the flagged spots, none of them certain
			const again = analyzeMojibake(report.repaired + '\nTiáº¿n');
			expect(again.spots.filter((s) => s.certain)).toHaveLength(1);
			expect(again.spots.filter((s) => !s.certain)).toHaveLength(report.spots.filter((s) => !s.certain).length);
		}
	});

	it('is fast: a clean 40 KB file well under 1 ms, a damaged post under 20 ms', () => {
		const fastest = (text: string) => {
			let best = Infinity;
			for (let i = 0; i < 8; i++) {
				const start = performance.now();
				analyzeMojibake(text);
				best = Math.min(best, performance.now() - start);
			}
			return best;
		};
		const clean = read('003_aacb3d7b625f15a4.md').repeat(7).slice(0, 40_000);
		expect(fastest(clean)).toBeLessThan(1);
		for (const name of ['000_efed89fa0f00f6f7.md', '001_01bfb444e0fec87a.md'])
			expect(fastest(read(name))).toBeLessThan(20);
	});
});
