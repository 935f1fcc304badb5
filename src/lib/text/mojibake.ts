/**
 * Finds and repairs mojibake: UTF-8 text that an editor decoded with a legacy code page (Windows-1252,
 * Windows-1254, Mac Roman) and then saved again as UTF-8, e.g. `Tiáº¿n trÃ¬nh` or `Ti·∫øn tr√¨nh` for `Tiến trình`.
 * Pure (no fs, Vite or Svelte) so the build and the tests share it.
 */

/** The legacy code pages whose misreadings of UTF-8 this module undoes. */
export type Codepage = 'windows-1252' | 'windows-1254' | 'macintosh';

/** One run of mojibake: repaired when certain, otherwise left in place with a best guess in `after`. */
export interface MojibakeSpot {
	line: number;
	/** 1-based, in UTF-16 code units like editors report it */
	column: number;
	codepage: Codepage;
	before: string;
	after?: string;
	certain: boolean;
}

/** What analyzeMojibake found in a text, and the text with its certain repairs applied. */
export interface MojibakeReport {
	/** true when the text has mojibake at all */
	found: boolean;
	/** text with every certain repair applied; uncertain spots left untouched */
	repaired: string;
	/** one per repaired or unrepairable run, with 1-based line/column in the input */
	spots: MojibakeSpot[];
	/** the most likely cause in one human sentence */
	cause?: string;
}

interface Table {
	codepage: Codepage;
	family: 'windows' | 'mac';
	/** UTF-16 code unit → byte; 0 when the code page has no such character */
	toByte: Uint8Array;
	/** byte → character */
	fromByte: string[];
	/** bytes a save through this code page drops: undefined ones, and the invisible soft hyphen */
	lost: number[];
	/** byte of NBSP, which editors like to turn into a plain space */
	nbsp: number;
	/** continuation characters that also end words in ordinary typography (`café…”`) */
	tail: Set<number>;
}

// Node >= 20.18.3 decodes windows-1252 as Latin-1 (nodejs/node#60888), so pin the WHATWG table for 0x80–0x9F.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const TAIL_CHARS = '’”»›…\u00A0™®©°¹²³ªº‰†‡';

/** Byte ↔ character tables for one code page, from TextDecoder so they match what editors produce. */
function buildTable(codepage: Codepage): Table | undefined {
	let high: string;
	try {
		high = new TextDecoder(codepage).decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
	} catch {
		return undefined; // a runtime without full ICU: skip that code page
	}
	if (codepage === 'windows-1252') high = CP1252_80_9F + high.slice(32);
	if (high.length !== 128) return undefined;
	const fromByte = Array.from({ length: 256 }, (_, b) => (b < 0x80 ? String.fromCharCode(b) : high[b - 0x80]));
	const toByte = new Uint8Array(0x10000);
	for (let b = 0x80; b < 0x100; b++) toByte[fromByte[b].charCodeAt(0)] = b;
	// some tools keep undefined bytes as C1 controls
	for (let c = 0x80; c < 0xa0; c++) if (!toByte[c]) toByte[c] = c;
	const lost: number[] = [];
	for (let b = 0x80; b < 0xa0; b++) if (fromByte[b].charCodeAt(0) === b) lost.push(b);
	if (fromByte[0xad] === '\u00AD') lost.push(0xad);
	const tail = new Set<number>();
	for (const ch of TAIL_CHARS) {
		const c = ch.charCodeAt(0);
		if (toByte[c] >= 0x80 && toByte[c] <= 0xbf) tail.add(c);
	}
	return {
		codepage,
		family: codepage === 'macintosh' ? 'mac' : 'windows',
		toByte,
		fromByte,
		lost,
		nbsp: toByte[0xa0],
		tail
	};
}

// order breaks ties: Windows-1252 is the usual culprit, Windows-1254 only explains a few extra characters
const TABLES = (['windows-1252', 'windows-1254', 'macintosh'] as const)
	.map(buildTable)
	.filter((t): t is Table => t !== undefined);

/** A UTF-8 lead character directly followed by a continuation character, in any of the code pages. */
const SUSPECT = (() => {
	const leads = new Set<string>();
	const conts = new Set<string>();
	for (const t of TABLES) {
		for (let b = 0xc2; b <= 0xf4; b++) leads.add(t.fromByte[b]);
		for (let b = 0x80; b <= 0xbf; b++) conts.add(t.fromByte[b]);
	}
	for (let c = 0x80; c < 0xa0; c++) conts.add(String.fromCharCode(c));
	const cls = (s: Set<string>) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
	return new RegExp(`[${cls(leads)}][${cls(conts)}]`);
})();

/** Cheap pre-check: false means the text surely has no repairable mojibake. */
export function looksLikeMojibake(text: string): boolean {
	return SUSPECT.test(text);
}

/** Code point of a complete UTF-8 sequence of continuation bytes after a lead, or -1 when invalid. */
function decodeUtf8(bytes: number[]): number {
	const [b0, b1, b2, b3] = bytes;
	for (let i = 1; i < bytes.length; i++) if (bytes[i] < 0x80 || bytes[i] > 0xbf) return -1;
	switch (bytes.length) {
		case 2:
			return b0 >= 0xc2 && b0 <= 0xdf ? ((b0 & 0x1f) << 6) | (b1 & 0x3f) : -1;
		case 3:
			// overlong forms and surrogates, as a fatal TextDecoder rejects them
			if (b0 < 0xe0 || b0 > 0xef || (b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return -1;
			return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
		case 4:
			if (b0 < 0xf0 || b0 > 0xf4 || (b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return -1;
			return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
	}
	return -1;
}

/** Vietnamese letters beyond ASCII: a repaired lost byte is only guessed into one of these or an emoji. */
const VIET_LETTER = /^[àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ\u1EA0-\u1EF9]$/;

/**
 * Whether a decoded character is something real text contains. Clean text only forms valid UTF-8 by accident,
 * and those accidents land in IPA, Armenian, Samaritan or rare CJK: `l’été` read as Mac Roman is `lՎtȇ`.
 */
function isPlausible(c: number, t: Table, text: string, from: number, to: number): boolean {
	if (c < 0x800) {
		if (c < 0xa0) return false; // C1 controls
		if (c < 0x180) return true; // Latin-1 and Latin Extended-A
		if (c < 0x250) return c === 0x1a0 || c === 0x1a1 || c === 0x1af || c === 0x1b0 || (c >= 0x1cd && c <= 0x1dc);
		if (c < 0x300) return false; // IPA and modifiers: a typographic quote followed by a letter in Mac Roman
		if (c < 0x370) return true; // combining marks, e.g. decomposed Vietnamese tones
		if (c < 0x400) return (c >= 0x391 && c <= 0x3c9) || c === 0x3d1 || c === 0x3d5 || c === 0x3f5;
		// Mac Roman dashes and quotes before an accented letter decode to Cyrillic
		return c < 0x460 && t.family === 'windows';
	}
	if (c < 0x10000) {
		if ((c >= 0x1e00 && c <= 0x2bff) || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff) return true;
		if (c < 0x900 || (c >= 0xd800 && c < 0xf900) || (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfff0) return false;
		// CJK and other scripts: refuse when the continuations are just closing punctuation, as in `café…”`
		for (let i = from; i < to; i++) if (!t.tail.has(text.charCodeAt(i))) return true;
		return false;
	}
	return (c >= 0x1f000 && c <= 0x1faff) || (c >= 0x1d400 && c <= 0x1d7ff) || (c >= 0x20000 && c <= 0x3ffff);
}

/** Stricter set for filling in lost bytes: letters, punctuation, symbols and emoji, never CJK. */
function isGuessable(c: number, lone: boolean): boolean {
	const ch = String.fromCodePoint(c);
	if (lone) return VIET_LETTER.test(ch);
	return (
		(c >= 0xa0 && c < 0x180) ||
		VIET_LETTER.test(ch) ||
		(c >= 0x300 && c < 0x370) ||
		(c >= 0x391 && c <= 0x3c9) ||
		(c >= 0x1e00 && c <= 0x2bff) ||
		c === 0xfe0f ||
		(c >= 0x1f000 && c <= 0x1faff)
	);
}

/**
 * What a two-byte sequence ending in closing punctuation may decode to: not the rarer Latin Extended letters (`Ä»` is
 * Ļ, `Ä°` İ), which a capital and a quote in clean text give far more often than a misread Vietnamese text does.
 */
function isLikelyAfterTail(c: number): boolean {
	return c < 0x100 || c >= 0x250 || VIET_LETTER.test(String.fromCodePoint(c));
}

interface Segment {
	start: number;
	end: number;
	/** UTF-8 bytes recovered so far: the lead and the continuations present in the text */
	bytes: number[];
	/** continuation bytes the lead asks for */
	need: number;
	/** one output when decoded; several when bytes were lost and have to be guessed */
	outs: string[];
	certain: boolean;
	/**
	 * A capital letter and closing punctuation (`Ä»`, `Ã©`): as likely clean text as a misread character, so it is
	 * repaired only in a text that has unambiguous mojibake too.
	 */
	ambiguous?: boolean;
}

/**
 * The certainty test: the repair, encoded as UTF-8 and read back with the code page, is the original. decodeUtf8
 * refuses overlong forms, so encoding the result gives `bytes` again; only a C1 control standing in for a byte the
 * code page does define (U+0080 for €) fails here.
 */
function roundTrips(bytes: number[], text: string, from: number, t: Table): boolean {
	for (let k = 0; k < bytes.length; k++)
		if (t.fromByte[bytes[k]].charCodeAt(0) !== text.charCodeAt(from + k)) return false;
	return true;
}

/** Splits one run of non-ASCII characters into decodable UTF-8 sequences under one code page. */
function parseRun(text: string, start: number, end: number, t: Table): Segment[] {
	const segs: Segment[] = [];
	let i = start;
	while (i < end) {
		const lead = t.toByte[text.charCodeAt(i)];
		const need = lead < 0xc2 ? 0 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : 0;
		if (need === 0) {
			i++;
			continue;
		}
		const bytes = [lead];
		let j = i + 1;
		while (bytes.length <= need && j < end) {
			const b = t.toByte[text.charCodeAt(j)];
			if (b < 0x80 || b > 0xbf) break;
			bytes.push(b);
			j++;
		}
		if (bytes.length === need + 1) {
			const c = decodeUtf8(bytes);
			const ambiguous = need === 1 && t.tail.has(text.charCodeAt(i + 1));
			// `«Ä»` is clean: `Ä»` would decode to Ļ, and a letter no Vietnamese text has is no evidence of a misreading
			if (c >= 0 && isPlausible(c, t, text, i + 1, j) && !(ambiguous && !isLikelyAfterTail(c))) {
				const out = String.fromCodePoint(c);
				segs.push({
					start: i,
					end: j,
					bytes,
					need,
					outs: [out],
					certain: roundTrips(bytes, text, i, t),
					ambiguous
				});
				i = j;
			} else i++; // a complete but unlikely sequence is ordinary text
			continue;
		}
		segs.push({ start: i, end: j, bytes, need, outs: [], certain: false });
		i = j;
	}
	return segs;
}

/** Calls `visit` with every way to put `missing` lost bytes between the continuation bytes that survived. */
function fill(conts: number[], missing: number, lost: number[], visit: (full: number[]) => void): void {
	if (missing === 0) return visit(conts);
	for (let pos = 0; pos <= conts.length; pos++)
		for (const b of lost) fill([...conts.slice(0, pos), b, ...conts.slice(pos)], missing - 1, lost, visit);
}

// the same few broken sequences repeat all over a damaged file
const completions = new Map<string, { plain: string[]; spaced: string[] }>();

/** Candidate repairs for a sequence that lost bytes; may take the following space as a flattened NBSP. */
function complete(seg: Segment, text: string, runEnd: number, t: Table): void {
	const spaceNext = seg.end === runEnd && text.charCodeAt(runEnd) === 0x20;
	const key = `${t.codepage} ${seg.need} ${seg.bytes.join(',')} ${spaceNext}`;
	let cached = completions.get(key);
	if (!cached) {
		const present = seg.bytes.slice(1);
		const collect = (conts: number[]) => {
			const into = new Set<string>();
			const missing = seg.need - conts.length;
			if (missing < 0 || missing > 2 || (present.length === 0 && seg.need > 1)) return [];
			fill(conts, missing, t.lost, (full) => {
				const c = decodeUtf8([seg.bytes[0], ...full]);
				if (c >= 0 && isGuessable(c, present.length === 0)) into.add(String.fromCodePoint(c));
			});
			return [...into];
		};
		cached = { plain: collect(present), spaced: spaceNext ? collect([...present, t.nbsp]) : [] };
		if (completions.size > 1024) completions.clear();
		completions.set(key, cached);
	}
	if (cached.spaced.length) {
		seg.end++;
		seg.outs = [...cached.spaced, ...cached.plain.map((s) => s + ' ')];
	} else seg.outs = cached.plain;
}

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const RHYMES =
	'a ai ao au ay am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âu ây âm ân âng âp ât âc ' +
	'e eo em en eng ep et ec ê êu êm ên ênh êp êt êch i ia iu im in inh ip it ich iêu iêm iên iêng iêp iêt iêc ' +
	'o oi om on ong op ot oc oong ooc oa oai oao oay oam oan oang oanh oap oat oac oach oăm oăn oăng oăt oăc ' +
	'oe oeo oen oet ô ôi ôm ôn ông ôp ôt ôc ơ ơi ơm ơn ơp ơt ' +
	'u ua ui um un ung up ut uc uy uya uyu uych uynh uyt uyn uyp uân uâng uât uây uê uêch uênh uêu ' +
	'uôi uôm uôn uông uôt uôc uyên uyêt uơ ư ưa ưi ưu ưm ưn ưng ưt ưc ươi ươu ươm ươn ương ươp ươt ươc ' +
	'y yêu yêm yên yêt';
const SYLLABLE = new RegExp(
	`^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(?:${RHYMES.split(' ').join('|')})$`
);

const syllables = new Map<string, boolean>();

/** Whether a word is a well-formed Vietnamese syllable, tones ignored. */
function isVietSyllable(word: string): boolean {
	let ok = syllables.get(word);
	if (ok === undefined) {
		if (syllables.size > 4096) syllables.clear();
		ok = SYLLABLE.test(word.normalize('NFD').replace(TONES, '').normalize('NFC').toLowerCase());
		syllables.set(word, ok);
	}
	return ok;
}

// common words whose letters a cp1252 save loses (ề ờ ọ ỏ ử í ậ Đ, à before a flattened NBSP), to break ties
const COMMON = new Set(
	(
		'về nhiều điều đề đều nền tiền quyền kiều liền truyền chuyền huyền miền hiền nghề thuyền mềm bền ' +
		'người thời trường thường giờ lời đường mười cười vườn chờ nhờ trời dường rời ngờ ' +
		'học chọn họ trọng mọi gọi lọc đọc ngọn bọn gọn ngọc họp dọc mọc ' +
		'nhỏ bỏ khỏi hỏi giỏi tỏ lỏng mỏng thỏa đỏ khỏe ' +
		'xử sử thử gửi cử tử lửa nửa cửa sửa ' +
		'tính ví ít chính kích phía phí chí tích ích kính thích trí bí ' +
		'tập lập cập nhập hậu thật vật bật mật ' +
		'đã đó đây đi đến đang đầu đủ để đối đơn đưa được đặt định độ động và là mà'
	).split(' ')
);

const LETTER = /[\p{L}\p{M}]/u;
const LETTERS_START = /^[\p{L}\p{M}]+/u;

/** The letters a string ends with; a backward walk, since a regex anchored at $ tries every start. */
function trailingLetters(s: string): string {
	let i = s.length;
	while (i > 0 && LETTER.test(s[i - 1])) i--;
	return s.slice(i);
}

/**
 * Whether text ends where a sentence starts: it is empty, or ends with one of `.!?:#>|*"“([-` or a line break and then
 * only spaces (as `/(?:^|[.!?:\n#>|*"“([-]\s*)$/` reads it, which tries every start).
 */
function atSentenceStart(s: string): boolean {
	const kept = s.trimEnd();
	return s === '' || /[.!?:#>|*"“([-]/.test(kept.slice(-1)) || s.slice(kept.length).includes('\n');
}
/** The paragraphs of a text (split at blank lines), each with where it starts. */
function paragraphs(text: string): [number, string][] {
	const out: [number, string][] = [];
	let at = 0;
	for (const blank of text.matchAll(/\n[ \t\r]*\n/g)) {
		out.push([at, text.slice(at, blank.index)]);
		at = blank.index + blank[0].length;
	}
	out.push([at, text.slice(at)]);
	return out;
}

const isLower = (ch: string) => ch !== ch.toUpperCase();

/** Whether a letter's case fits its word: lower after a lower letter or a title initial, upper in capitals. */
function caseFits(ch: string, left: string, next: string, sentenceStart: boolean): boolean {
	const others = left + next;
	if (!others) return true;
	if (others.length >= 2 && !/\p{Ll}/u.test(others)) return !isLower(ch);
	if (!left) return sentenceStart ? !isLower(ch) : isLower(ch);
	return isLower(ch);
}

/** Picks the lost byte that makes a Vietnamese word with the right case; undefined when it stays a tie. */
function bestGuess(outs: string[], left: string, right: string, sentenceStart: boolean): string | undefined {
	let best: string | undefined;
	let bestScore = -1;
	let tie = false;
	for (const out of outs) {
		const ch = String.fromCodePoint(out.codePointAt(0)!);
		// a candidate that kept the space ends the word; one that took the space as NBSP runs on past it
		const next = out.endsWith(' ') ? '' : right;
		const word = left + ch + next;
		const score =
			(isVietSyllable(word) ? 4 : 0) +
			(COMMON.has(word.toLowerCase()) ? 3 : 0) +
			(VIET_LETTER.test(ch) ? 2 : 0) +
			(caseFits(ch, left, next, sentenceStart) ? 1 : 0);
		if (score > bestScore) [best, bestScore, tie] = [out, score, false];
		else if (score === bestScore) tie = true;
	}
	return tie ? undefined : best;
}

const NAMES: Record<Codepage, string> = {
	'windows-1252': 'Windows-1252',
	'windows-1254': 'Windows-1254 (Turkish)',
	macintosh: 'Mac Roman'
};

/** One sentence: the code page most spots point at, the others, and how many spots stay unrepaired. */
function describeCause(spots: MojibakeSpot[]): string {
	const counts = new Map<Codepage, number>();
	for (const s of spots) counts.set(s.codepage, (counts.get(s.codepage) ?? 0) + 1);
	const [primary, ...others] = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([cp]) => cp);
	const also = others.length ? `, some characters read as ${others.map((cp) => NAMES[cp]).join(' and ')}` : '';
	const uncertain = spots.filter((s) => !s.certain).length;
	const rest = uncertain
		? `; ${uncertain} ${uncertain === 1 ? 'spot' : 'spots'} lost bytes and could not be repaired with certainty`
		: '';
	return `UTF-8 text that was opened as ${NAMES[primary]} and saved again${also}${rest}`;
}

/** Finds mojibake runs, repairs the certain ones and reports the rest with a best guess. */
export function analyzeMojibake(text: string, options: MojibakeOptions = {}): MojibakeReport {
	const clean: MojibakeReport = { found: false, repaired: text, spots: [] };
	if (!looksLikeMojibake(text)) return clean;

	// maximal runs of non-ASCII characters; ASCII never belongs to a UTF-8 multi-byte sequence
	const skip = options.skip ?? [];
	let next = 0;
	const runs: [number, number][] = [];
	for (let i = 0; i < text.length; i++) {
		if (text.charCodeAt(i) < 0x80) continue;
		const start = i;
		while (i < text.length && text.charCodeAt(i) >= 0x80) i++;
		while (next < skip.length && skip[next][1] <= start) next++;
		if (next < skip.length && skip[next][0] < i) continue; // in code: an example, kept as written
		runs.push([start, i]);
	}
	const parsed = runs.map(([s, e]) => TABLES.map((t) => parseRun(text, s, e, t)));

	// evidence per table; Mac Roman math like `√π` decodes to `ù`, so its 2-byte repairs need a 3-byte one too
	const certainChars = TABLES.map(() => 0);
	const longRepair = TABLES.map(() => false);
	for (const perTable of parsed)
		perTable.forEach((segs, k) => {
			for (const s of segs)
				if (s.certain && !s.ambiguous) {
					certainChars[k] += s.end - s.start;
					if (s.bytes.length > 2) longRepair[k] = true;
				}
		});
	TABLES.forEach((t, k) => {
		if (t.family !== 'mac' || longRepair[k]) return;
		certainChars[k] = 0;
		for (const perTable of parsed) perTable[k] = perTable[k].filter((s) => s.bytes.length > 2);
	});
	// no certain repair anywhere: a stray `á»` is more likely Spanish `está»` than a lost byte
	const admitted = new Set(TABLES.filter((_, k) => certainChars[k] > 0).map((t) => t.family));
	if (admitted.size === 0) return clean;
	const familyChars = TABLES.map((t) =>
		TABLES.reduce((n, u, k) => (u.family === t.family ? n + certainChars[k] : n), 0)
	);

	interface Pending {
		spot: MojibakeSpot;
		start: number;
		end: number;
		segs: Segment[];
	}
	const found: Pending[] = [];
	runs.forEach(([, e], r) => {
		let pick = -1;
		let pickScore = 0;
		TABLES.forEach((t, k) => {
			const ok = admitted.has(t.family);
			let score = 0;
			for (const seg of parsed[r][k]) {
				if (!seg.certain && ok && seg.outs.length === 0) complete(seg, text, e, t);
				if (seg.certain) score += 2 * (seg.end - seg.start);
				else if (ok && seg.outs.length) score += seg.end - seg.start;
			}
			if (score > pickScore || (score === pickScore && score > 0 && familyChars[k] > familyChars[pick])) {
				pick = k;
				pickScore = score;
			}
		});
		if (pick < 0) return;
		const t = TABLES[pick];
		const usable = parsed[r][pick].filter(
			(seg) => (seg.certain && !seg.ambiguous) || (admitted.has(t.family) && seg.outs.length)
		);
		// adjacent sequences form one spot; a clean character in between splits them
		for (let i = 0; i < usable.length;) {
			let j = i + 1;
			while (j < usable.length && usable[j].start === usable[j - 1].end) j++;
			const group = usable.slice(i, j);
			const start = group[0].start;
			const end = group[group.length - 1].end;
			const certain = group.every((g) => g.certain);
			const spot: MojibakeSpot = { line: 0, column: 0, codepage: t.codepage, before: text.slice(start, end), certain };
			if (certain) spot.after = group.map((g) => g.outs[0]).join('');
			found.push({ spot, start, end, segs: group });
			i = j;
		}
	});
	if (!found.some((p) => p.spot.certain)) return clean;

	let repaired = '';
	let cursor = 0;
	for (const p of found) {
		if (!p.spot.certain) continue;
		repaired += text.slice(cursor, p.start) + p.spot.after;
		cursor = p.end;
	}
	repaired += text.slice(cursor);

	// best guesses read the neighbouring letters after repair, so `Huyá»n` is judged as `Huy?n`
	let guessed = ''; // the last 80 characters of the text with guesses in, enough for a word and what precedes it
	let from = 0;
	let shift = 0;
	for (const p of found) {
		if (p.spot.certain) {
			shift += p.spot.after!.length - (p.end - p.start);
			continue;
		}
		const rs = p.start + shift;
		const re = p.end + shift;
		guessed = ((rs - from > 80 ? '' : guessed) + repaired.slice(Math.max(from, rs - 80), rs)).slice(-80);
		const left = trailingLetters(guessed);
		const right = LETTERS_START.exec(repaired.slice(re, re + 40))?.[0] ?? '';
		const sentenceStart = atSentenceStart(guessed.slice(0, guessed.length - left.length));
		let built: string | undefined = '';
		for (let g = 0; g < p.segs.length && built !== undefined; g++) {
			const { outs } = p.segs[g];
			const last = g === p.segs.length - 1;
			const out: string | undefined =
				outs.length === 1 ? outs[0] : bestGuess(outs, left + built, last ? right : '', sentenceStart);
			built = out === undefined ? undefined : built + out;
		}
		if (built !== undefined) p.spot.after = built;
		guessed = (guessed + (built ?? p.spot.before)).slice(-80);
		from = re;
	}

	// 1-based line and column of each spot, walking the text once
	let line = 1;
	let lineStart = 0;
	let scan = 0;
	for (const p of found) {
		for (; scan < p.start; scan++)
			if (text.charCodeAt(scan) === 0x0a) {
				line++;
				lineStart = scan + 1;
			}
		p.spot.line = line;
		p.spot.column = p.start - lineStart + 1;
	}
	const spots = found.map((p) => p.spot);
	return { found: true, repaired, spots, cause: describeCause(spots) };
}

/** Options of analyzeMojibake. */
export interface MojibakeOptions {
	/** Sorted, non-overlapping [start, end) offsets left as written (code, see markdownCodeRanges). */
	skip?: [number, number][];
}

const FENCE_OPEN = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}(?=[^`]*$)|~{3,})/;
const FENCE_CLOSE = /^[ \t>]*(`{3,}|~{3,})[ \t\r]*$/;
const FRONTMATTER = /^\uFEFF?(?:[ \t\r]*\n)*---[ \t\r]*\n(?:.*\n)*?(?:---|\.\.\.)[ \t\r]*(?:\n|$)/;
const HTML_CODE = /<(pre|code)(?=[\s>/])/gi;

/**
 * Where a Markdown text (frontmatter first, if any) has code: fenced blocks (an unclosed fence runs to the end),
 * inline code spans, and HTML `<pre>` and `<code>` elements; sorted, merged [start, end) offsets. Generous on purpose:
 * a fence inside a quote or a list item counts, and text taken for code is only left as written. Linear in the text.
 */
export function markdownCodeRanges(text: string): [number, number][] {
	const ranges: [number, number][] = [];
	const front = FRONTMATTER.exec(text);
	let pos = front ? front[0].length : 0;
	// outside fences: [start, end) pieces of prose, where inline code and HTML are looked for
	const prose: [number, number][] = [];
	let proseStart = pos;
	let fence: { char: string; size: number; start: number } | undefined;
	while (pos < text.length) {
		const nl = text.indexOf('\n', pos);
		const end = nl < 0 ? text.length : nl + 1;
		const line = text.slice(pos, nl < 0 ? text.length : nl);
		if (fence) {
			const close = FENCE_CLOSE.exec(line);
			if (close && close[1][0] === fence.char && close[1].length >= fence.size) {
				ranges.push([fence.start, end]);
				fence = undefined;
				proseStart = end;
			}
		} else {
			const open = FENCE_OPEN.exec(line);
			if (open) {
				fence = { char: open[1][0], size: open[1].length, start: pos };
				if (proseStart < pos) prose.push([proseStart, pos]);
			}
		}
		pos = end;
	}
	if (fence) ranges.push([fence.start, text.length]);
	else if (proseStart < text.length) prose.push([proseStart, text.length]);

	for (const [from, to] of prose) {
		const inline: [number, number][] = [];
		// a code span never crosses a blank line; runs of backticks pair with the next run of the same length
		for (const [index, para] of paragraphs(text.slice(from, to))) {
			const base = from + index;
			const ticks = [...para.matchAll(/`+/g)].map((m) => ({ at: base + m.index, size: m[0].length }));
			const bySize = new Map<number, number[]>();
			ticks.forEach((t, i) => {
				const list = bySize.get(t.size);
				if (list) list.push(i);
				else bySize.set(t.size, [i]);
			});
			const cursor = new Map<number, number>();
			for (let i = 0; i < ticks.length;) {
				const same = bySize.get(ticks[i].size)!;
				let c = cursor.get(ticks[i].size) ?? 0;
				while (c < same.length && same[c] <= i) c++;
				cursor.set(ticks[i].size, c);
				if (c >= same.length) {
					i++;
					continue;
				}
				const j = same[c];
				inline.push([ticks[i].at, ticks[j].at + ticks[j].size]);
				i = j + 1;
			}
		}
		ranges.push(...inline);
		const lower = text.slice(from, to).toLowerCase();
		let k = 0;
		let gt = -1; // the next `>`, found once for all the tags before it: `<code ` a million times stays linear
		HTML_CODE.lastIndex = 0;
		for (let m = HTML_CODE.exec(lower); m; m = HTML_CODE.exec(lower)) {
			const at = from + m.index;
			while (k < inline.length && inline[k][1] <= at) k++;
			if (k < inline.length && inline[k][0] <= at) continue; // `<code>` written inside inline code
			if (gt < m.index) gt = lower.indexOf('>', m.index);
			if (gt < 0) break;
			const close = lower.indexOf(`</${m[1]}`, gt + 1);
			const end = close < 0 ? text.length : from + close + m[1].length + 2;
			ranges.push([at, end]);
			HTML_CODE.lastIndex = Math.max(HTML_CODE.lastIndex, end - from);
		}
	}
	ranges.sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const r of ranges) {
		const last = merged[merged.length - 1];
		if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
		else merged.push([r[0], r[1]]);
	}
	return merged;
}

/** Convenience: repaired text only when found, otherwise the input unchanged (same string instance). */
export function repairMojibake(text: string): string {
	const report = analyzeMojibake(text);
	return report.found ? report.repaired : text;
}
