/**
 * The only code that knows where posts live: reads every Markdown file of the posts folder, validates it, compiles it
 * and builds the index. Every problem is collected and reported together.
 */
import { rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compileAll } from '../markdown/pool.ts';
import { scanMarkdown, type Reference } from '../markdown/scan.ts';
import type { PostFacts } from '../markdown/structure.ts';
import { analyzeMojibake, looksLikeMojibake } from '../text/mojibake.ts';
import { slugFromFileName } from '../text/slug.ts';
import { resolveLink, type LinkContext } from './links.ts';
import {
	categoryRefs,
	comparePosts,
	groupCategories,
	readingMinutes,
	truncate,
	unifyCategoryNames,
	type CategorySummary,
	type PostEntry
} from './model.ts';
import type { Problem } from './problems.ts';
import type { MojibakeReport } from '../text/mojibake.ts';
import { parseFrontmatter } from './schema.ts';
import { normalizeSource, splitFrontmatter } from './source.ts';

export interface LoadOptions {
	/** Absolute path of the posts folder. */
	dir: string;
	/** Folder the displayed paths are relative to (the project root). */
	root: string;
	/** Absolute path of static/ (site files such as /images/…). */
	staticDir: string;
	base: string;
	/** Compile and render posts (the build) or only read and validate them (checks). */
	compile: boolean;
	/** Where rendered posts are written (`<slug>.json`) when compiling. */
	outDir?: string;
}

export interface Content {
	posts: PostEntry[];
	categories: CategorySummary[];
	problems: Problem[];
	drafts: string[];
	/** Files beside posts that pages use, by public path (`/media/…`): copied into the site after the build. */
	media: Map<string, string>;
	/** Folder with each published post's rendered HTML, `<slug>.json` (when compiled). */
	htmlDir: string;
}

export interface ReadPost {
	file: string;
	abs: string;
	slug: string;
	text: string;
	body: string;
	bodyLine: number;
	entry?: Omit<PostEntry, 'readingMinutes' | 'headings' | 'excerpt' | 'title'> & {
		title?: string;
		excerpt?: string;
		draft: boolean;
	};
	problems: Problem[];
	/** File line of each frontmatter key. */
	lines?: Record<string, number>;
}

const MARKDOWN = /\.(md|markdown)$/i;

/** Lists the Markdown files of a folder and its subfolders (authors may group posts by week), sorted, as absolute paths. */
export async function listPosts(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return [];
		throw error;
	});
	return entries
		.filter((e) => e.isFile() && MARKDOWN.test(e.name))
		.map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
		.filter(
			(abs) =>
				!relative(dir, abs)
					.split(/[\\/]/)
					.some((part) => part.startsWith('.') || part === 'node_modules')
		)
		.sort();
}

/**
 * Reads a post's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or, when the bytes are not valid UTF-8,
 * Windows-1258 (the legacy Vietnamese code page), with a warning saying how the file was read.
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

/** Reads and validates one post file (no compiling). */
export function readPost(abs: string, raw: string, root: string): ReadPost {
	const file = relative(root, abs).split('\\').join('/');
	const name = abs.split(/[\\/]/).pop()!;
	let text = normalizeSource(raw);
	const problems: Problem[] = [];
	if (looksLikeMojibake(text)) {
		const report = analyzeMojibake(text);
		if (report.found) {
			// Show the repaired text on the site (certain repairs only); the file itself is fixed by check:posts --fix.
			text = report.repaired;
			problems.push(mojibakeProblem(relative(root, abs).split('\\').join('/'), report));
		}
	}
	const slug = slugFromFileName(name);
	const post: ReadPost = { file, abs, slug, text, body: text, bodyLine: 1, problems };
	if (!text.trim()) {
		problems.push({
			severity: 'warning',
			file,
			field: 'file',
			message: 'expected a post, saw an empty file; it is not published',
			fix: 'write the post or delete the file'
		});
		return post;
	}
	const split = splitFrontmatter(text);
	post.body = split.body;
	if (split.unclosed) {
		problems.push({
			severity: 'error',
			file,
			line: split.openLine,
			field: 'frontmatter',
			message: 'expected a closing "---" line after the frontmatter, saw none before the end of the file',
			fix: 'add a line with --- after the last frontmatter field'
		});
		return post;
	}
	const fm = split.frontmatter === null ? undefined : parseFrontmatter(split.frontmatter, file, split.frontmatterLine);
	if (fm) {
		problems.push(...fm.problems);
		post.lines = fm.lines;
	}
	if (problems.some((p) => p.severity === 'error')) return post;
	const data = fm?.data ?? { categories: [], draft: false };
	post.entry = {
		slug,
		file,
		title: data.title,
		date: data.date ?? null,
		updated: data.updated && data.updated !== data.date ? data.updated : null,
		categories: categoryRefs(data.categories),
		excerpt: data.excerpt,
		author: data.author,
		coverImage: data.coverImage,
		coverWidth: data.coverWidth,
		coverHeight: data.coverHeight,
		draft: data.draft
	};
	return post;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** What the build learns by compiling a post, or a check by scanning it. */
type Facts = Pick<PostFacts, 'references' | 'ids' | 'firstH1'> &
	Partial<Omit<PostFacts, 'references' | 'ids' | 'firstH1'>>;

/** A cover image must exist when it is local; a missing one is a warning and the post shows no cover. */
function checkCover(post: ReadPost, ctx: LinkContext, media: Map<string, string>, problems: Problem[]) {
	const e = post.entry!;
	if (!e.coverImage) return;
	const target = resolveLink(e.coverImage, ctx);
	if ((target.kind === 'file' || target.kind === 'site') && target.exists === false) {
		problems.push({
			severity: 'warning',
			file: post.file,
			line: post.lines?.coverImage,
			field: 'coverImage',
			message: `expected an image at ${e.coverImage}, saw no such file; the post is shown without a cover`,
			fix:
				target.kind === 'site'
					? `add the file to static${target.path}`
					: 'add the file next to the post or fix the path'
		});
		e.coverImage = undefined;
	} else if (target.kind === 'file') {
		media.set(target.publicPath, target.abs);
		e.coverImage = target.publicPath;
	}
}

/** `hinh/%E1%BA%A3nh.png` → `hinh/ảnh.png`, as the author wrote it. */
function safeDecode(url: string): string {
	try {
		return decodeURI(url);
	} catch {
		return url;
	}
}

/** Warns about links to missing posts or headings and missing images; records files beside the post to copy. */
function checkReferences(
	post: ReadPost,
	references: Reference[],
	ctx: LinkContext,
	ids: Map<string, Set<string>>,
	bySlug: Map<string, ReadPost>,
	media: Map<string, string>,
	problems: Problem[]
) {
	const warn = (line: number | undefined, field: string, message: string, fix: string) =>
		problems.push({ severity: 'warning', file: post.file, line, field, message, fix });
	const own = ids.get(post.slug) ?? new Set<string>();
	const seen = new Set<string>();
	for (const raw of references) {
		const ref = { ...raw, url: safeDecode(raw.url) };
		const key = `${ref.line}|${ref.url}`;
		if (seen.has(key)) continue;
		seen.add(key);
		if (ref.url.startsWith('#') && ref.url.length > 1) {
			const id = ref.url.slice(1);
			if (!own.has(id))
				warn(
					ref.line,
					'link',
					`expected a heading with id "${id}" in this post, saw none`,
					`link to one of: ${
						[...own]
							.slice(0, 5)
							.map((i) => '#' + i)
							.join(', ') || '(no headings)'
					}`
				);
			continue;
		}
		const target = resolveLink(ref.url, ctx);
		if (target.kind === 'post') {
			if (!target.exists)
				warn(
					ref.line,
					'link',
					`expected a post at ${ref.url}, saw no such post`,
					'check the file name of the post you link to'
				);
			else if (target.hash && !ids.get(target.slug)?.has(decodeURIComponent(target.hash)))
				warn(
					ref.line,
					'link',
					`expected a heading "#${target.hash}" in ${bySlug.get(target.slug)!.file}, saw none`,
					'check the heading you link to'
				);
		} else if (target.kind === 'file') {
			if (target.exists) media.set(target.publicPath, target.abs);
			else
				warn(
					ref.line,
					ref.kind,
					`expected a file at ${ref.url} (next to the post), saw none`,
					'add the file or fix the path'
				);
		} else if (target.kind === 'site' && target.exists === false) {
			warn(
				ref.line,
				ref.kind,
				`expected ${ref.url} in static${target.path.split('/').slice(0, -1).join('/')}/, saw no such file`,
				`add the file to static${target.path}`
			);
		}
	}
}

/** Loads the whole posts folder: validated, compiled (when asked), sorted once. */
export async function loadContent(options: LoadOptions): Promise<Content> {
	const files = await listPosts(options.dir);
	const read = await mapLimit(files, 16, async (abs) => {
		const { text, encoding } = decodePost(await readFile(abs));
		const post = readPost(abs, text, options.root);
		if (encoding) {
			post.problems.push({
				severity: 'warning',
				file: post.file,
				field: 'encoding',
				message: `expected UTF-8, saw a file in ${encoding}; it was read as ${encoding}`,
				fix: 'save the file as UTF-8 in your editor'
			});
		}
		return post;
	});
	const problems: Problem[] = [];
	const drafts: string[] = [];
	const posts: PostEntry[] = [];
	const bySlug = new Map<string, ReadPost>();

	for (const post of read) {
		problems.push(...post.problems);
		if (!post.entry) continue;
		if (post.entry.draft) {
			drafts.push(post.file);
			continue;
		}
		const other = bySlug.get(post.slug);
		if (other) {
			problems.push({
				severity: 'error',
				file: post.file,
				field: 'file name',
				message: `expected a unique post address, saw /posts/${post.slug}/ also used by ${other.file}`,
				fix: 'rename one of the two files'
			});
			post.entry = undefined;
			continue;
		}
		bySlug.set(post.slug, post);
	}

	const slugs = new Set(bySlug.keys());
	const media = new Map<string, string>();
	const site = {
		postsDir: options.dir,
		staticDir: options.staticDir,
		slugs: [...slugs],
		outDir: options.outDir ?? join(options.root, '.svelte-kit/course-notes/posts')
	};
	const list = [...bySlug.values()];

	for (const post of list) checkCover(post, { ...site, slugs, postAbs: post.abs }, media, problems);

	// Compile (the build) or only scan (checks): both give every link, image and heading id with its line.
	// Rendered posts of an earlier build must not outlive their files.
	if (options.compile) rmSync(site.outDir, { recursive: true, force: true });
	const outcomes = options.compile
		? await compileAll(
				list.map((post) => ({
					slug: post.slug,
					body: post.body,
					postAbs: post.abs,
					options: { file: post.file, base: options.base, title: post.entry!.title }
				})),
				site
			)
		: [];
	const facts = new Map<string, Facts>();
	list.forEach((post, i) => {
		const outcome = outcomes[i];
		if (!outcome) {
			facts.set(post.slug, scanMarkdown(post.body));
		} else if (outcome.ok) {
			facts.set(post.slug, outcome.result.facts);
			if (outcome.result.level > 0) {
				problems.push({
					severity: 'warning',
					file: post.file,
					line: outcome.result.failure?.line,
					field: 'html',
					message: `Svelte refused the post's HTML as written (${outcome.result.failure?.message}); it is published with its HTML ${outcome.result.level === 1 ? 'repaired by an HTML parser' : 'shown as text'}`,
					fix: 'close every tag you open, and do not put block tags such as <div> inside a paragraph'
				});
			}
		} else {
			problems.push({
				severity: 'error',
				file: post.file,
				line: outcome.mdLine,
				field: 'markdown',
				message: `expected Markdown that compiles, saw an error (${outcome.message.split('\n')[0]})`,
				fix: 'wrap code in backticks, or report this post as a bug in the site generator'
			});
		}
	});

	const ids = new Map([...facts].map(([slug, f]) => [slug, new Set(f.ids)]));
	for (const post of list) {
		const f = facts.get(post.slug);
		if (!f) continue;
		checkReferences(post, f.references, { ...site, slugs, postAbs: post.abs }, ids, bySlug, media, problems);
		const e = post.entry!;
		if (!e.title) {
			e.title = f.firstH1 ?? post.file.split('/').pop()!.replace(MARKDOWN, '');
			problems.push({
				severity: 'warning',
				file: post.file,
				field: 'title',
				message: `expected a title, saw none; using "${e.title}"`,
				fix: 'add title: "…" to the frontmatter'
			});
		}
		if (!e.date) {
			problems.push({
				severity: 'warning',
				file: post.file,
				field: 'date',
				message: 'expected a date, saw none; the post is listed after dated posts',
				fix: 'add date: YYYY-MM-DD to the frontmatter'
			});
		}
		const { draft: _draft, ...rest } = e;
		posts.push({
			...rest,
			title: e.title,
			excerpt: truncate(e.excerpt ?? f.firstParagraph ?? ''),
			readingMinutes: readingMinutes(f.words ?? post.body.split(/\s+/).length),
			headings: f.headings ?? []
		});
	}

	posts.sort(comparePosts);
	const categories = groupCategories(posts);
	unifyCategoryNames(posts, categories);
	return { posts, categories, problems, drafts, media, htmlDir: site.outDir };
}
