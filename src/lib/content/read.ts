/**
 * Stage 1 of a post's path, `read`: the posts folder → files → text (encodings, mojibake) → frontmatter → a `Source`.
 * Nothing here throws because of a post: whatever goes wrong is a Problem on that post.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CONTROL_CHARS, codePointName } from '../text/control.ts';
import { analyzeMojibake, looksLikeMojibake, markdownCodeRanges, type MojibakeReport } from '../text/mojibake.ts';
import { slugFromFileName } from '../text/slug.ts';
import type { Problem } from './problems.ts';
import { parseFrontmatter, type Frontmatter } from './schema.ts';
import { normalizeSource, splitFrontmatter } from './source.ts';

/** A post as read from its file: validated frontmatter and the Markdown body, or the reasons it cannot be read. */
export interface Source {
	/** Path as authors see it, e.g. `posts/rpc.md`. */
	file: string;
	abs: string;
	slug: string;
	/** The Markdown body, frontmatter blanked out so that body lines are file lines. */
	body: string;
	meta: Frontmatter;
	/** File line of each frontmatter key. */
	lines: Map<string, number>;
	problems: Problem[];
	/** False when the post cannot be published at all (its errors say why). */
	readable: boolean;
}

/** What a posts folder holds: the Markdown files to read and what was skipped, with why. */
export interface Folder {
	files: string[];
	problems: Problem[];
}

/** The one test of "is this a post file". */
export const POST_FILE = /\.(md|markdown)$/i;

/**
 * Lists the Markdown files of the posts folder and its subfolders (authors may group posts by week), sorted, as
 * absolute paths. A missing folder stops the site; skipped files (dotfiles, `node_modules`, links that lead out of
 * the folder) are named.
 */
export function listPosts(dir: string, root: string): Folder {
	const shown = (abs: string) => relative(root, abs).split(sep).join('/') || '.';
	const files: string[] = [];
	const problems: Problem[] = [];
	const skip = (abs: string, why: string, fix: string) =>
		problems.push({ severity: 'warning', file: shown(abs), field: 'file', message: why, fix });
	let real: string;
	try {
		real = realpathSync(dir);
		if (!statSync(real).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
	} catch (error) {
		problems.push({
			severity: 'error',
			scope: 'site',
			file: shown(dir),
			field: 'posts folder',
			message: `expected a folder of posts at ${dir}, saw ${(error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'a file' : 'nothing'}`,
			fix: 'create the folder, or set POSTS_DIR to the folder that holds the posts'
		});
		return { files, problems };
	}
	const walk = (folder: string) => {
		for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const abs = join(folder, entry.name);
			const hidden = entry.name.startsWith('.') || entry.name === 'node_modules';
			let isDir = entry.isDirectory();
			let isFile = entry.isFile();
			if (entry.isSymbolicLink()) {
				let target: string;
				try {
					target = realpathSync(abs);
				} catch {
					if (POST_FILE.test(entry.name)) skip(abs, 'skipped: a link to nothing', 'remove the link');
					continue;
				}
				if (relative(real, target).startsWith('..') || target === real) {
					if (POST_FILE.test(entry.name) || lstatSync(target).isDirectory())
						skip(
							abs,
							'skipped: a link that leads out of the posts folder is not followed',
							'copy the file into the folder'
						);
					continue;
				}
				isDir = statSync(target).isDirectory();
				isFile = statSync(target).isFile();
			}
			if (hidden && (isDir || POST_FILE.test(entry.name))) {
				if (entry.name !== '.git')
					skip(
						abs,
						`skipped: ${isDir ? 'folders' : 'files'} named "${entry.name.startsWith('.') ? '.…' : entry.name}" are not read`,
						'rename it without the leading "." if it is a post'
					);
				continue;
			}
			if (isDir) walk(abs);
			else if (isFile && POST_FILE.test(entry.name)) files.push(abs);
		}
	};
	walk(dir);
	if (!files.length)
		problems.push({
			severity: 'warning',
			file: shown(dir),
			field: 'posts folder',
			message: 'expected posts, saw an empty folder; the site has no posts',
			fix: 'add a Markdown file, e.g. with npm run new -- "Tiêu đề"'
		});
	return { files: files.sort(), problems };
}

const SIGNATURES: [number[], string][] = [
	[[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
	[[0xff, 0xd8, 0xff], 'a JPEG image'],
	[[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
	[[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
	[[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive or Office document']
];

/** What a file that is not text is, or undefined for text. */
function binaryKind(bytes: Uint8Array): string | undefined {
	for (const [signature, kind] of SIGNATURES) if (signature.every((b, i) => bytes[i] === b)) return kind;
	const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
	if (!utf16 && bytes.subarray(0, 8192).includes(0)) return 'binary data';
	return undefined;
}

/** A character beyond ASCII (for an astral one, its first half). */
const NON_ASCII = /[\u0080-\uffff]/;
const WORD = /[\p{L}\p{M}]+/gu;
const MARK = /\p{M}/u;
const C1 = /[\u0080-\u009f]/;

/**
 * Whether bytes read as Windows-1258 look like the Vietnamese (or Latin) text that code page is for. In such text a
 * word made only of letters beyond ASCII has one letter (`ở`, `à`), a tone mark always joins its vowel, and no byte is
 * undefined. GBK and Windows-1251 bytes read as Windows-1258 give words like `ÖĐÎÄ` and `Ïđîöåññû`, tone marks on
 * consonants and C1 controls: when more than a tenth of the characters beyond ASCII are such, it is another encoding.
 */
export function looksLikeWindows1258(text: string): boolean {
	const nfc = text.normalize('NFC');
	let beyond = 0;
	let odd = 0;
	for (const ch of nfc)
		if (NON_ASCII.test(ch)) {
			beyond++;
			if (C1.test(ch)) odd++;
		}
	for (const [word] of nfc.matchAll(WORD)) {
		const chars = [...word];
		const high = chars.filter((ch) => NON_ASCII.test(ch)).length;
		if (high >= 2 && high === chars.length) odd += high;
		else odd += chars.filter((ch) => MARK.test(ch)).length;
	}
	return odd * 10 <= beyond;
}

/** What the bytes of a file in another encoding most look like, for the message; undefined when unsure. */
function guessEncoding(bytes: Uint8Array): string | undefined {
	const share = (text: string, script: RegExp) => {
		const high = [...text].filter((ch) => NON_ASCII.test(ch));
		return high.length ? high.filter((ch) => script.test(ch)).length / high.length : 0;
	};
	const attempts: [string, string, RegExp][] = [
		['gbk', 'GBK (Chinese)', /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/],
		['windows-1251', 'Windows-1251 (Cyrillic)', /[\u0400-\u04ff\u2010-\u201f]/]
	];
	for (const [label, name, script] of attempts) {
		try {
			if (share(new TextDecoder(label, { fatal: true }).decode(bytes), script) >= 0.8) return name;
		} catch {
			// not that encoding
		}
	}
	return undefined;
}

/** A file in an encoding the site does not read: the line of its first byte beyond ASCII, and a guess of which. */
export interface ForeignEncoding {
	line: number;
	guess?: string;
}

/**
 * Reads a post's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or, when the bytes are not valid UTF-8,
 * Windows-1258 (the legacy Vietnamese code page) if they read as Vietnamese in it. Any other encoding (GBK,
 * Windows-1251…) is named in `foreign`, never guessed into text.
 */
export function decodePost(bytes: Uint8Array): { text: string; encoding?: string; foreign?: ForeignEncoding } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		const text = new TextDecoder('windows-1258').decode(bytes);
		if (looksLikeWindows1258(text)) return { text, encoding: 'Windows-1258' };
		const first = bytes.findIndex((b) => b >= 0x80);
		let line = 1;
		for (let i = 0; i < first; i++) if (bytes[i] === 0x0a) line++;
		return { text: '', foreign: { line, guess: guessEncoding(bytes) } };
	}
}

/** One warning per post whose body has control characters (they are removed): which, and on which lines. */
function controlProblem(file: string, body: string): { body: string; problem?: Problem } {
	CONTROL_CHARS.lastIndex = 0;
	if (!CONTROL_CHARS.test(body)) return { body };
	const lines: number[] = [];
	const names = new Set<string>();
	let line = 1;
	let scanned = 0;
	const clean = body.replace(CONTROL_CHARS, (ch, offset: number) => {
		for (; scanned < offset; scanned++) if (body.charCodeAt(scanned) === 0x0a) line++;
		if (lines[lines.length - 1] !== line) lines.push(line);
		names.add(codePointName(ch));
		return '';
	});
	const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? ` and ${lines.length - 8} more` : '');
	return {
		body: clean,
		problem: {
			severity: 'warning',
			file,
			line: lines[0],
			field: 'text',
			message: `expected text without control characters, saw ${[...names].slice(0, 5).join(', ')} on line${lines.length > 1 ? 's' : ''} ${shown}; ${names.size > 1 || lines.length > 1 ? 'they were' : 'it was'} removed`,
			fix: 'delete the invisible characters (an editor that shows control characters helps), or retype those lines'
		}
	};
}

/** One warning per file with mojibake: where, the likely cause, and the command that repairs it. */
export function mojibakeProblem(file: string, report: MojibakeReport): Problem {
	const lines = [...new Set(report.spots.map((s) => s.line))];
	const uncertain = report.spots.filter((s) => !s.certain).length;
	const shown = lines.slice(0, 8).join(', ') + (lines.length > 8 ? ` and ${lines.length - 8} more` : '');
	return {
		severity: 'warning',
		file,
		line: lines[0],
		field: 'encoding',
		message: `expected UTF-8 text, saw mojibake (${report.cause ?? 'text decoded with the wrong code page'}) on lines ${shown}; the site shows it repaired${uncertain ? `, except ${uncertain} spot${uncertain > 1 ? 's' : ''} where bytes were lost` : ''}`,
		fix: 'run npm run check:posts -- --fix to repair the file'
	};
}

/** The size budget of one post: about 35 times the longest real student post (57 KB). */
export const MAX_POST_BYTES = 2 * 1024 * 1024;

/** The post address of a file: its name, slugged (`Tiến trình (2).md` → `tien-trinh-2`). */
export const slugOf = (abs: string) => slugFromFileName(abs.split(/[\\/]/).pop()!);

/** Reads one post from its bytes. Never throws: anything that goes wrong is a problem on the post. */
export function readSource(abs: string, bytes: Uint8Array | Error, root: string): Source {
	const file = relative(root, abs).split(sep).join('/');
	const source: Source = {
		file,
		abs,
		slug: slugOf(abs),
		body: '',
		meta: { categories: [], draft: false },
		lines: new Map(),
		problems: [],
		readable: false
	};
	const fail = (field: string, message: string, fix: string, line?: number) => {
		source.problems.push({ severity: 'error', scope: 'post', file, line, field, message, fix });
		source.readable = false;
		return source;
	};
	try {
		if (bytes instanceof Error) throw bytes;
		const binary = binaryKind(bytes);
		if (binary)
			return fail(
				'file',
				`expected a Markdown text file, saw ${binary}`,
				'save the post as text (UTF-8), or give the file its real extension and link to it from a post'
			);
		if (bytes.length > MAX_POST_BYTES)
			return fail(
				'file',
				`expected a post of at most ${MAX_POST_BYTES / 1024 / 1024} MB, saw ${(bytes.length / 1024 / 1024).toFixed(1)} MB; it is left out`,
				'split the post into several, or link to large data as a file beside the post'
			);
		const { text: raw, encoding, foreign } = decodePost(bytes);
		if (foreign)
			return fail(
				'encoding',
				`expected UTF-8 (or UTF-16, or Windows-1258) text, saw bytes that look like ${foreign.guess ?? 'another encoding'}; the file cannot be read and is left out`,
				'save the file as UTF-8 in your editor (VS Code: "Reopen with Encoding" with its encoding, then "Save with Encoding" → UTF-8)',
				foreign.line
			);
		if (encoding)
			source.problems.push({
				severity: 'warning',
				file,
				field: 'encoding',
				message: `expected UTF-8, saw a file in ${encoding}; it was read as ${encoding}`,
				fix: 'save the file as UTF-8 in your editor'
			});
		let text = normalizeSource(raw);
		if (looksLikeMojibake(text)) {
			// Mojibake shown as an example in code stays as written.
			const report = analyzeMojibake(text, { skip: markdownCodeRanges(text) });
			if (report.found) {
				// Show the repaired text on the site (certain repairs only); the file itself is fixed by check:posts --fix.
				text = report.repaired;
				source.problems.push(mojibakeProblem(file, report));
			}
		}
		if (!text.trim()) {
			source.problems.push({
				severity: 'warning',
				file,
				field: 'file',
				message: 'expected a post, saw an empty file; it is not published',
				fix: 'write the post or delete the file'
			});
			return source;
		}
		const split = splitFrontmatter(text);
		const control = controlProblem(file, split.body);
		source.body = control.body;
		if (control.problem) source.problems.push(control.problem);
		if (split.unclosed)
			return fail(
				'frontmatter',
				'expected a closing "---" line after the frontmatter, saw none before the end of the file',
				'add a line with --- after the last frontmatter field',
				split.openLine
			);
		if (split.frontmatter !== null) {
			const fm = parseFrontmatter(split.frontmatter, file, split.frontmatterLine);
			source.problems.push(...fm.problems);
			source.meta = fm.data;
			source.lines = fm.lines;
			if (!fm.readable) return source;
		}
		source.readable = true;
		return source;
	} catch (error) {
		return fail(
			'file',
			`expected a post that can be read, saw an error (${(error as Error).message.split('\n')[0]})`,
			'report this post as a bug in the site generator'
		);
	}
}
