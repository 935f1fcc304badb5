/**
 * Stage 1 of a post's path, `read`: the posts folder → files → text (encodings, mojibake) → frontmatter → a `Source`.
 * Nothing here throws because of a post: whatever goes wrong is a Problem on that post.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { analyzeMojibake, looksLikeMojibake, type MojibakeReport } from '../text/mojibake.ts';
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

/**
 * Reads a post's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or, when the bytes are not valid UTF-8,
 * Windows-1258 (the legacy Vietnamese code page).
 */
export function decodePost(bytes: Uint8Array): { text: string; encoding?: string } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { text: new TextDecoder('windows-1258').decode(bytes), encoding: 'Windows-1258' };
	}
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
		const { text: raw, encoding } = decodePost(bytes);
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
			const report = analyzeMojibake(text);
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
		source.body = split.body;
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
