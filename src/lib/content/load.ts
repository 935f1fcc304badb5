/**
 * The only code that knows where posts live: reads every Markdown file of the posts folder, validates it, compiles it
 * and builds the index. Every problem is collected and reported together.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compilePost } from '../markdown/compile';
import { slugFromFileName } from '../text/slug';
import {
	categoryRefs,
	comparePosts,
	groupCategories,
	readingMinutes,
	truncate,
	unifyCategoryNames,
	type CategorySummary,
	type PostEntry
} from './model';
import type { Problem } from './problems';
import { parseFrontmatter } from './schema';
import { normalizeSource, splitFrontmatter } from './source';

export interface LoadOptions {
	/** Absolute path of the posts folder. */
	dir: string;
	/** Folder the displayed paths are relative to (the project root). */
	root: string;
	base: string;
	/** Compile posts to Svelte components (the build) or only read and validate them (checks). */
	compile: boolean;
}

export interface Content {
	posts: PostEntry[];
	categories: CategorySummary[];
	/** Compiled server component of each published post, by slug. */
	components: Map<string, string>;
	/** Absolute path of each published post, by slug. */
	paths: Map<string, string>;
	problems: Problem[];
	drafts: string[];
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
}

const MARKDOWN = /\.(md|markdown)$/i;

/** Lists Markdown files of a folder, sorted, as absolute paths. */
export async function listPosts(dir: string): Promise<string[]> {
	const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return [] as string[];
		throw error;
	});
	return names
		.filter((n) => MARKDOWN.test(n) && !n.startsWith('.'))
		.sort()
		.map((n) => join(dir, n));
}

/** Reads and validates one post file (no compiling). */
export function readPost(abs: string, raw: string, root: string): ReadPost {
	const file = relative(root, abs).split('\\').join('/');
	const name = abs.split(/[\\/]/).pop()!;
	const text = normalizeSource(raw);
	const problems: Problem[] = [];
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
	if (fm) problems.push(...fm.problems);
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

/** The first `# ` heading of a Markdown body, outside code fences. */
export function firstHeading(body: string): string | undefined {
	let fence: string | null = null;
	for (const line of body.split('\n')) {
		const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
		if (f) {
			if (!fence) fence = f[1][0];
			else if (f[1][0] === fence) fence = null;
			continue;
		}
		if (!fence) {
			const h = /^\s{0,3}#\s+(.+?)\s*#*\s*$/.exec(line);
			if (h) return h[1].trim();
		}
	}
	return undefined;
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

/** Loads the whole posts folder: validated, compiled (when asked), sorted once. */
export async function loadContent(options: LoadOptions): Promise<Content> {
	const files = await listPosts(options.dir);
	const read = await mapLimit(files, 16, async (abs) => readPost(abs, await readFile(abs, 'utf8'), options.root));
	const problems: Problem[] = [];
	const components = new Map<string, string>();
	const paths = new Map<string, string>();
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

	const compiled = await mapLimit([...bySlug.values()], 4, async (post) => {
		if (!options.compile) return { post, result: undefined };
		try {
			const result = await compilePost(post.body, { file: post.file, base: options.base, title: post.entry!.title });
			return { post, result };
		} catch (error) {
			problems.push({
				severity: 'error',
				file: post.file,
				line: (error as { mdLine?: number }).mdLine,
				field: 'markdown',
				message: `expected Markdown that compiles, saw an error (${(error as Error).message.split('\n')[0]})`,
				fix: 'wrap code in backticks, or report this post as a bug in the site generator'
			});
			return { post, result: undefined, failed: true };
		}
	});

	for (const { post, result, failed } of compiled as { post: ReadPost; result?: Awaited<ReturnType<typeof compilePost>>; failed?: boolean }[]) {
		if (failed) continue;
		const e = post.entry!;
		if (result && result.level > 0) {
			problems.push({
				severity: 'warning',
				file: post.file,
				line: result.failure?.line,
				field: 'html',
				message: `Svelte refused the post's HTML as written (${result.failure?.message}); it is published with its HTML ${result.level === 1 ? 'repaired by an HTML parser' : 'shown as text'}`,
				fix: 'close every tag you open, and do not put block tags such as <div> inside a paragraph'
			});
		}
		let title = e.title;
		if (!title) {
			title = result?.facts.firstH1 ?? firstHeading(post.body) ?? post.file.split('/').pop()!.replace(MARKDOWN, '');
			problems.push({
				severity: 'warning',
				file: post.file,
				field: 'title',
				message: `expected a title, saw none; using "${title}"`,
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
		const facts = result?.facts;
		const { draft: _draft, ...rest } = e;
		posts.push({
			...rest,
			title,
			excerpt: truncate(e.excerpt ?? facts?.firstParagraph ?? ''),
			readingMinutes: readingMinutes(facts?.words ?? post.body.split(/\s+/).length),
			headings: facts?.headings ?? []
		});
		if (result) components.set(post.slug, result.js);
		paths.set(post.slug, post.abs);
	}

	posts.sort(comparePosts);
	const categories = groupCategories(posts);
	unifyCategoryNames(posts, categories);
	return { posts, categories, components, paths, problems, drafts };
}
