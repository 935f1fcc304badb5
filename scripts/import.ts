/**
 * `npm run import -- <git URL or folder>`: turns one student's fork of the SvelteKit blog starter (or any source
 * sources/layout.ts recognises) into posts of this project, in one command:
 *
 * - each post is copied into `posts/` under its own file name (subfolders of the source's posts folder are kept);
 * - the pictures and files a post uses from the source's `static/` (`/images/x.png`) are copied into `posts/hinh/`
 *   (`static/images/x.png` → `posts/hinh/x.png`, `static/doc.pdf` → `posts/hinh/doc.pdf`) and the post's paths are
 *   rewritten to the relative path (`hinh/x.png`, `coverImage: ./hinh/x.png`); files beside the posts are copied
 *   beside them;
 * - mojibake is repaired where the repair is certain (src/lib/text/mojibake.ts), UTF-16 and Windows-1258 are saved
 *   as UTF-8; the starter's sample posts, README, LICENSE, CHANGELOG and route pages are left out;
 * - nothing existing is ever overwritten: a post whose name is taken is named and not copied; a picture whose name is
 *   taken by another file is copied under the next free name (`x-2.png`).
 *
 * The source is fetched exactly as the class site fetches it (no hooks, bounded), into a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { postsDir as postsDirSetting } from '../src/lib/env.js';
import { formatProblem, printable } from '../src/lib/content/problems';
import { decodePost } from '../src/lib/content/read';
import { analyzeMojibake, markdownCodeRanges } from '../src/lib/text/mojibake';
import { repoKind, type Student } from '../src/lib/sources/class-file';
import { fetchSource } from '../src/lib/sources/fetch';
import type { SourceLayout } from '../src/lib/sources/layout';
import { isMain } from './main';

/** The folder, under the posts folder, that receives the pictures a post used from the source's static/. */
export const PICTURES = 'hinh';

export interface ImportReport {
	/** Posts written, relative to the project root. */
	posts: string[];
	/** Pictures and files written, relative to the project root. */
	files: string[];
	/** Existing files that were not overwritten (the post or file was not copied, or copied under another name). */
	clashes: string[];
	/** Lines saying what was done, for the terminal. */
	lines: string[];
	/** Exit code: 0, or 1 when the source could not be fetched. */
	code: number;
}

const toPosix = (path: string) => path.split(sep).join('/');

/** `a b/c.png` → `a%20b/c.png`: a path that stays one Markdown link destination. */
const encodePath = (path: string) =>
	path
		.split('/')
		.map((part) => encodeURIComponent(part))
		.join('/');

function decode(url: string): string | undefined {
	try {
		return decodeURIComponent(url);
	} catch {
		return undefined;
	}
}

/** The source's file a root-absolute URL (`/images/x.png`) names, inside its static folder only. */
function staticFile(layout: SourceLayout, url: string): string | undefined {
	if (!layout.staticDir || !url.startsWith('/') || url.startsWith('//')) return undefined;
	const path = decode(url.replace(/[?#].*$/, ''));
	if (!path || path.split('/').includes('..')) return undefined;
	const abs = join(layout.staticDir, path);
	try {
		return statSync(abs).isFile() ? abs : undefined;
	} catch {
		return undefined;
	}
}

/** Writes `bytes` at `abs` unless a file is there; the same bytes count as done. Returns the path used. */
function placeFile(abs: string, bytes: Buffer, clashes: string[], root: string): { path: string; wrote: boolean } {
	const dot = abs.lastIndexOf('.');
	const stem = dot > abs.lastIndexOf('/') ? abs.slice(0, dot) : abs;
	const ext = dot > abs.lastIndexOf('/') ? abs.slice(dot) : '';
	for (let n = 1; ; n++) {
		const candidate = n === 1 ? abs : `${stem}-${n}${ext}`;
		if (!existsSync(candidate)) {
			mkdirSync(dirname(candidate), { recursive: true });
			writeFileSync(candidate, bytes, { flag: 'wx' });
			if (n > 1) clashes.push(relative(root, abs));
			return { path: candidate, wrote: true };
		}
		if (readFileSync(candidate).equals(bytes)) return { path: candidate, wrote: false };
	}
}

/** Imports the source at `target` (a git URL, a local repository or bundle, or a folder) into `posts/`. */
export async function importSource(
	target: string,
	options: { root?: string; postsDir?: string; cwd?: string } = {}
): Promise<ImportReport> {
	const root = options.root ?? process.cwd();
	const posts = resolve(root, options.postsDir ?? postsDirSetting());
	const report: ImportReport = { posts: [], files: [], clashes: [], lines: [], code: 0 };
	const say = (line: string) => report.lines.push(printable(line));
	const kind = repoKind(target);
	if ('refused' in kind) {
		say(
			`Refused ${JSON.stringify(target)}: expected an https://, ssh://, git:// address, git@host:path or a folder, saw ${kind.refused}; ${kind.fix}`
		);
		return { ...report, code: 2 };
	}
	const student: Student = {
		name: 'import',
		slug: 'import',
		repo: target,
		kind: kind.kind,
		...(kind.kind === 'local' ? { path: resolve(options.cwd ?? process.cwd(), target) } : {}),
		line: 1,
		lines: {}
	};
	const cacheDir = mkdtempSync(join(tmpdir(), 'course-notes-import-'));
	try {
		const result = await fetchSource(student, { cacheDir, classFile: 'npm run import' });
		for (const p of result.problems) say(`⚠ ${formatProblem(p)}`);
		const layout = result.layout;
		if (!layout) {
			say(`Nothing imported: ${target} could not be fetched.`);
			return { ...report, code: 1 };
		}
		say(
			`Read ${target}${result.branch ? ` (${result.branch})` : ''}: the ${layout.kind} layout, ${layout.posts.length} post${layout.posts.length === 1 ? '' : 's'}.`
		);
		for (const f of layout.leftOutFiles.filter((f) => f.reason === 'sample'))
			say(`  left out ${f.path}: the starter's sample post ${f.sample}`);
		const others = Object.entries(layout.leftOut).filter(([reason, n]) => reason !== 'sample' && n);
		if (others.length) say(`  also left out: ${others.map(([r, n]) => `${n} ${r}`).join(', ')}`);

		const copied = new Map<string, string>();
		for (const abs of layout.posts) {
			const rel = toPosix(relative(layout.postsDir, abs));
			const dest = join(posts, rel);
			const shown = toPosix(relative(root, dest));
			if (existsSync(dest)) {
				report.clashes.push(shown);
				say(`  ✖ ${shown} already exists: not overwritten (rename one of the two, then import again)`);
				continue;
			}
			const bytes = readFileSync(abs);
			const decoded = decodePost(bytes);
			const notes: string[] = [];
			let text = decoded.text;
			let out: Buffer | undefined;
			if (decoded.foreign)
				notes.push(`kept as it is: its encoding is not UTF-8 (${decoded.foreign.guess ?? 'unknown'})`);
			else {
				if (decoded.encoding) notes.push(`saved as UTF-8 (was ${decoded.encoding})`);
				const mojibake = analyzeMojibake(text, { skip: markdownCodeRanges(text) });
				const certain = mojibake.spots.filter((spot) => spot.certain).length;
				if (certain && mojibake.repaired !== text) {
					text = mojibake.repaired;
					notes.push(`${certain} mojibake spot${certain === 1 ? '' : 's'} repaired`);
				}
				const lost = mojibake.spots.length - certain;
				if (lost)
					notes.push(`${lost} mojibake spot${lost === 1 ? '' : 's'} to fix by hand (npm run check:posts shows where)`);
				const rewritten = rewritePictures(text, abs, dest, layout, posts, root, report, copied);
				text = rewritten.text;
				if (rewritten.changed)
					notes.push(`${rewritten.changed} picture path${rewritten.changed === 1 ? '' : 's'} rewritten`);
				for (const missing of rewritten.missing)
					notes.push(`${missing} is not in the source's static/ (left as written)`);
				out = Buffer.from(text, 'utf8');
			}
			mkdirSync(dirname(dest), { recursive: true });
			writeFileSync(dest, out ?? bytes, { flag: 'wx' });
			report.posts.push(shown);
			say(`  + ${shown}${notes.length ? `: ${notes.join('; ')}` : ''}`);
		}
		say(
			`Imported ${report.posts.length} post${report.posts.length === 1 ? '' : 's'} and ${report.files.length} file${report.files.length === 1 ? '' : 's'} into ${toPosix(relative(root, posts)) || '.'}${report.clashes.length ? `; ${report.clashes.length} name${report.clashes.length === 1 ? '' : 's'} already taken (nothing overwritten)` : ''}. Next: npm run check:posts`
		);
		return report;
	} finally {
		rmSync(cacheDir, { recursive: true, force: true });
	}
}

const IMAGE_MD = /(!?\[[^\]\n]*\]\(\s*)(<[^>\n]+>|[^\s)]+)/g;
const HTML_ATTR = /(\b(?:src|href|poster)\s*=\s*)(["'])([^"'\n]+)\2/gi;
const COVER = /^(coverImage\s*:\s*)(["']?)([^"'\n]+?)\2(\s*)$/m;

/**
 * Rewrites the picture paths of one post: root-absolute ones that name a file of the source's static/ become
 * relative paths to its copy under `posts/hinh/`; relative ones that name a file beside the post are copied beside
 * it. Code (fences, spans) is left as written.
 */
function rewritePictures(
	text: string,
	sourcePost: string,
	dest: string,
	layout: SourceLayout,
	posts: string,
	root: string,
	report: ImportReport,
	copied: Map<string, string>
): { text: string; changed: number; missing: string[] } {
	const code = markdownCodeRanges(text);
	const inCode = (offset: number) => code.some(([a, b]) => offset >= a && offset < b);
	let changed = 0;
	const missing = new Set<string>();
	const fmEnd = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---/.exec(text)?.[0].length ?? 0;

	/** The new URL for `url`, or undefined to leave it. */
	const target = (url: string, asCover: boolean): string | undefined => {
		if (/^[a-z][a-z0-9+.-]*:|^#|^\/\//i.test(url)) return undefined;
		let source: string | undefined;
		let copy: string;
		if (url.startsWith('/')) {
			source = staticFile(layout, url);
			if (!source) {
				if (/\.(png|jpe?g|gif|webp|avif|svg)$/i.test(url.replace(/[?#].*$/, ''))) missing.add(url);
				return undefined;
			}
			const inStatic = toPosix(relative(layout.staticDir!, source));
			copy = join(posts, PICTURES, inStatic.replace(/^images\//, ''));
		} else {
			const path = decode(url.replace(/[?#].*$/, ''));
			if (!path) return undefined;
			const abs = resolve(dirname(sourcePost), path);
			if (!abs.startsWith(layout.root + sep)) return undefined;
			try {
				if (!statSync(abs).isFile() || /\.(md|markdown)$/i.test(abs)) return undefined;
			} catch {
				return undefined;
			}
			source = abs;
			copy = resolve(dirname(dest), path);
			if (!copy.startsWith(posts + sep)) return undefined;
		}
		let placed = copied.get(source);
		if (!placed) {
			const result = placeFile(copy, readFileSync(source), report.clashes, root);
			placed = result.path;
			copied.set(source, placed);
			if (result.wrote) report.files.push(toPosix(relative(root, placed)));
		}
		const rel = posix.normalize(toPosix(relative(dirname(dest), placed)));
		const written = encodePath(rel);
		if (url.startsWith('/') || written !== url) changed++;
		return asCover && !written.startsWith('.') ? `./${written}` : written;
	};

	let out = text.replace(IMAGE_MD, (whole, lead: string, destination: string, offset: number) => {
		if (offset < fmEnd || inCode(offset)) return whole;
		const bracketed = destination.startsWith('<');
		const url = bracketed ? destination.slice(1, -1) : destination;
		const next = target(url, false);
		return next === undefined ? whole : `${lead}${next}`;
	});
	out = out.replace(HTML_ATTR, (whole, lead: string, quote: string, url: string, offset: number) => {
		if (offset < fmEnd || inCode(offset)) return whole;
		const next = target(url, false);
		return next === undefined ? whole : `${lead}${quote}${next}${quote}`;
	});
	if (fmEnd) {
		const front = out.slice(0, fmEnd);
		const replaced = front.replace(COVER, (whole, lead: string, quote: string, url: string, tail: string) => {
			const next = target(url.trim(), true);
			return next === undefined ? whole : `${lead}${quote || '"'}${next}${quote || '"'}${tail}`;
		});
		out = replaced + out.slice(fmEnd);
	}
	return { text: out, changed, missing: [...missing] };
}

if (isMain(import.meta.url)) {
	const target = process.argv.slice(2).filter((arg) => arg !== '--');
	if (target.length !== 1) {
		console.error(
			'Usage: npm run import -- <git URL or folder>   (e.g. npm run import -- https://github.com/ten/blog)'
		);
		process.exit(2);
	}
	importSource(target[0]).then(
		(report) => {
			for (const line of report.lines) console.log(line);
			process.exit(report.code);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		}
	);
}
