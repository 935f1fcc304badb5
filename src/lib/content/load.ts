/**
 * The only code that knows where posts live. A post's path reads in order: read (read.ts) → render (render/, in
 * worker threads, within a budget) → check (check.ts) → index (model.ts). The build and `check:posts` run the same
 * stages, so they report the same problems by construction; a check only does not keep the HTML. Every problem is
 * collected and reported together.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import { assignAddresses, collides, firstAdded, type Moved } from './address.ts';
import { checkPost, type Checked } from './check.ts';
import { mapLimit } from './map-limit.ts';
import { processImages } from './images.ts';
import type { ImageFact, Picture } from '../text/picture.ts';
import { buildIndex, categoryRefs, readingMinutes, truncate, type CategorySummary, type PostEntry } from './model.ts';
import type { Problem } from './problems.ts';
import { listPosts, POST_FILE, readSource, type Source } from './read.ts';
import { WarmWorkers, type Budget, type Job, type Outcome, type Rendered } from './render/pool.ts';
import { renderPosts, type RenderSession } from './render/index.ts';
import { claimCacheDir, ContentCache, pipelineVersion, signingKey, type Entry } from './render/cache.ts';
import { workPaths } from './paths.ts';
import type { Trust } from '../markdown/trust.ts';
import { trustSetting } from '../config.ts';
import { decodeUrl } from '../text/urls.ts';
import { stripControl } from '../text/control.ts';

export interface LoadOptions {
	/** Absolute path of the posts folder. */
	dir: string;
	/** Folder the displayed paths are relative to (the project root). */
	root: string;
	/** Absolute path of static/ (site files such as /images/…). */
	staticDir: string;
	base: string;
	/** `build` writes each post's HTML; `check` only collects problems. */
	mode: 'build' | 'check';
	/** Where rendered posts are written (`<slug>.json`) in a build. */
	outDir?: string;
	budget?: Budget;
	/** What a post may do; by default `POST_TRUST` from the environment, else `site.trust` of src/lib/config.ts. */
	trust?: Trust;
	/** The content cache folder (`CONTENT_CACHE`, default `.cache/course-notes`); `off` renders every post. */
	cacheDir?: string;
	/** What `npm run dev` keeps from one run to the next (see `devSession`). */
	session?: DevSession;
}

/**
 * What the dev server keeps between runs, so that saving a post reads, renders and writes that post alone: the posts
 * read last time (by their bytes), the cache entries read, warm render workers, and which entry each HTML file holds.
 */
export interface DevSession extends RenderSession {
	sources: Map<string, { bytes: Buffer; source: Source }>;
	entries: Map<string, Entry>;
}

export const devSession = (): DevSession => ({
	warm: new WarmWorkers(),
	written: new Map(),
	sources: new Map(),
	entries: new Map()
});

export interface Content {
	posts: PostEntry[];
	categories: CategorySummary[];
	problems: Problem[];
	drafts: string[];
	/** Posts that cannot be published (their errors say why). */
	leftOut: string[];
	/** Files pages use, by public path (`/media/…` beside posts, `/_img/…` encoded pictures): copied into the site after the build. */
	media: Map<string, string>;
	/** Every local picture a post shows, by site path (decoded, without the base path), or `missing`. */
	images: Record<string, ImageFact>;
	/** Pictures encoded in this build, and taken from the cache. */
	encoded: { images: number; cached: number; bytesIn: number; bytesOut: number };
	/** Folder with each published post's rendered HTML, `<slug>.json` (in a build). */
	htmlDir: string;
	/** How many posts were rendered, and how many came from the content cache. */
	rendered: number;
	cached: number;
}

/** The sources with the address each one gets, and those that did not get the one their name asks for. */
async function addressSources(
	sources: Source[],
	dir: string
): Promise<{ sources: Source[]; moved: Map<string, Moved>; addresses: Record<string, string> }> {
	const claims = sources.map((s) => ({ file: s.file, rel: relative(dir, s.abs).split(sep).join('/'), slug: s.slug }));
	if (!collides(claims)) return { sources, moved: new Map(), addresses: {} };
	const { slugs, moved } = assignAddresses(claims, await firstAdded(dir));
	const relOf = new Map(claims.map((c) => [c.file, c.rel]));
	return {
		sources: sources.map((s) => (slugs.get(s.file) === s.slug ? s : { ...s, slug: slugs.get(s.file)! })),
		moved: new Map(moved.map((m) => [m.file, m])),
		// For the link resolver: a relative link to a moved file leads to its address, not to the owner's.
		addresses: Object.fromEntries(moved.map((m) => [relOf.get(m.file)!, m.slug]))
	};
}

/** A post that rendered, or the error that leaves it out. */
function renderProblems(source: Source, outcome: Outcome): Problem[] {
	if (!outcome.ok)
		return [
			{
				severity: 'error',
				scope: 'post',
				file: source.file,
				line: outcome.line,
				field: outcome.budget ? 'budget' : 'markdown',
				message: outcome.budget
					? `expected a post the site can render, saw one that ${outcome.message}; it is left out`
					: `expected Markdown that compiles, saw an error (${outcome.message.split('\n')[0]})`,
				fix: outcome.budget
					? 'split the post, or shorten what is very long or very deeply nested (lists, quotes, code)'
					: (outcome.fix ?? 'wrap code in backticks, or report this post as a bug in the site generator')
			}
		];
	const { level, failure, facts } = outcome.rendered;
	// Refused script and removed HTML: the post is published without them (in lenient mode; an error stops the build).
	const notes: Problem[] = facts.notes.map((n) => ({
		...n,
		file: source.file,
		...(n.severity === 'error' ? { scope: 'field' as const } : {})
	}));
	if (level === 0) return notes;
	return [
		...notes,
		{
			severity: 'warning',
			file: source.file,
			line: failure?.line,
			field: 'html',
			message: `Svelte refused the post's HTML as written (${failure?.message}); it is published with its HTML ${level === 1 ? 'repaired by an HTML parser' : 'shown as text'}`,
			fix: 'close every tag you open, and do not put block tags such as <div> inside a paragraph'
		}
	];
}

/** The index entry of a published post: a new record from its source, its rendering, its check and its cover. */
function entryOf(
	source: Source,
	rendered: Rendered,
	cover: { url?: string; picture?: Picture },
	problems: Problem[]
): PostEntry {
	const { meta, file } = source;
	const { facts } = rendered;
	let title = meta.title;
	if (!title) {
		title = facts.firstH1 ?? stripControl(file.split('/').pop()!.replace(POST_FILE, '')).text;
		problems.push({
			severity: 'warning',
			file,
			field: 'title',
			message: `expected a title, saw none; using "${title}"`,
			fix: 'add title: "…" to the frontmatter'
		});
	}
	if (!meta.date && !source.problems.some((p) => p.field === 'date'))
		problems.push({
			severity: 'warning',
			file,
			field: 'date',
			message: 'expected a date, saw none; the post is listed after dated posts',
			fix: 'add date: YYYY-MM-DD to the frontmatter'
		});
	return {
		slug: source.slug,
		file,
		title,
		date: meta.date ?? null,
		updated: meta.updated && meta.updated !== meta.date ? meta.updated : null,
		categories: categoryRefs(meta.categories),
		excerpt: truncate(meta.excerpt ?? facts.firstParagraph ?? ''),
		author: meta.author,
		coverImage: cover.url,
		cover: cover.picture,
		// A local cover's size is read from the file; a remote one keeps the frontmatter's.
		coverWidth: cover.picture?.width ?? meta.coverWidth,
		coverHeight: cover.picture?.height ?? meta.coverHeight,
		readingMinutes: readingMinutes(facts.words),
		headings: facts.headings,
		series: meta.series || undefined,
		order: meta.order
	};
}

/** The build's one line about the content stage. */
export function contentSummary(c: Content, seconds: number): string {
	const left = c.leftOut.length ? `, ${c.leftOut.length} left out` : '';
	const e = c.encoded;
	const pictures = e.images + e.cached;
	const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
	const images = pictures
		? `; ${pictures} pictures (${e.images} encoded, ${e.cached} from the cache), ${mb(e.bytesIn)} of originals → ${mb(e.bytesOut)} at 800 px`
		: '';
	return `content: ${c.posts.length} posts in ${seconds.toFixed(1)} s (${c.rendered} rendered, ${c.cached} from the cache)${left}${images}`;
}

/** Loads the whole posts folder: read, rendered, checked and indexed once. */
export async function loadContent(options: LoadOptions): Promise<Content> {
	const paths = workPaths(options.root);
	const htmlDir = options.outDir ?? paths.html;
	const folder = listPosts(options.dir, options.root);
	const problems: Problem[] = [...folder.problems];
	const drafts: string[] = [];
	const leftOut: string[] = [];

	rmSync(paths.scratch, { recursive: true, force: true });

	// 1. read
	const session = options.session;
	const sources = await mapLimit(folder.files, 16, async (abs) => {
		const bytes = await readFile(abs).catch((e: Error) => e);
		const kept = session?.sources.get(abs);
		if (kept && bytes instanceof Buffer && kept.bytes.equals(bytes)) return kept.source;
		const source = readSource(abs, bytes, options.root);
		if (bytes instanceof Buffer) session?.sources.set(abs, { bytes, source });
		return source;
	});
	// One address, one owner: the older of two files that ask for one address keeps it (address.ts).
	const addressed = await addressSources(sources, options.dir);
	const published = new Map<string, Source>();
	// Posts a link may name that are not published, so the check can say why (check.ts).
	const unpublished = new Map<string, { file: string; why: 'draft' | 'errors' }>();
	for (const source of addressed.sources) {
		problems.push(...source.problems);
		if (!source.readable) {
			if (source.problems.some((p) => p.severity === 'error')) leftOut.push(source.file);
			unpublished.set(source.slug, { file: source.file, why: 'errors' });
			continue;
		}
		if (source.meta.draft) {
			drafts.push(source.file);
			unpublished.set(source.slug, { file: source.file, why: 'draft' });
			continue;
		}
		const moved = addressed.moved.get(source.file);
		if (moved)
			problems.push({
				severity: 'warning',
				file: source.file,
				field: 'file name',
				message: `expected a unique post address, saw /posts/${moved.wanted}/ also used by ${moved.owner}, which keeps it: ${moved.why}; this post is published at /posts/${moved.slug}/`,
				fix: `rename this file (e.g. to ${moved.slug}.md) to give it an address of its own`
			});
		published.set(source.slug, source);
	}

	// 2. render
	const list = [...published.values()];
	if (options.mode === 'build') {
		// Rendered posts of an earlier build must not outlive their files (the dev server removes only theirs).
		if (session) {
			const slugs = new Set(list.map((s) => `${s.slug}.json`));
			mkdirSync(htmlDir, { recursive: true });
			for (const name of readdirSync(htmlDir)) if (!slugs.has(name)) rmSync(join(htmlDir, name), { force: true });
		} else rmSync(htmlDir, { recursive: true, force: true });
		mkdirSync(htmlDir, { recursive: true });
	}
	const jobs: Job[] = list.map((s) => ({
		slug: s.slug,
		file: s.file,
		abs: s.abs,
		body: s.body,
		title: s.meta.title,
		cover: s.meta.coverImage ? { url: s.meta.coverImage, line: s.lines.get('coverImage') } : undefined
	}));
	const trust = options.trust ?? trustSetting();
	const cacheDir = options.cacheDir || process.env.CONTENT_CACHE || paths.cache;
	// Only a folder the build owns: one of the user's is refused (a problem that stops the site) and left untouched.
	const refused = cacheDir === 'off' ? undefined : claimCacheDir(cacheDir, { root: options.root, own: paths.cache });
	if (refused) problems.push(refused);
	const cache =
		cacheDir === 'off' || refused
			? undefined
			: new ContentCache(
					cacheDir,
					pipelineVersion(options.root, { base: options.base, trust }),
					signingKey(paths.cacheKey),
					session?.entries
				);
	const { outcomes, rendered: renderedCount } = await renderPosts(
		jobs,
		{
			postsDir: options.dir,
			staticDir: options.staticDir,
			slugs: list.map((s) => s.slug),
			moved: addressed.addresses,
			base: options.base,
			outDir: options.mode === 'build' ? htmlDir : undefined,
			scratchDir: paths.scratch,
			trust
		},
		cache,
		options.budget,
		session
	);
	const rendered = new Map<string, Rendered>();
	list.forEach((source, i) => {
		const outcome = outcomes[i];
		problems.push(...renderProblems(source, outcome));
		if (outcome.ok) rendered.set(source.slug, outcome.rendered);
		else {
			leftOut.push(source.file);
			unpublished.set(source.slug, { file: source.file, why: 'errors' });
		}
	});

	// 3. check
	const site = {
		ids: new Map([...rendered].map(([slug, r]) => [slug, new Set(r.facts.ids)])),
		files: new Map(list.map((s) => [s.slug, s.file])),
		staticDir: options.staticDir,
		unpublished
	};
	const media = new Map<string, string>();
	const checked = new Map<string, Checked>();
	for (const source of list) {
		const r = rendered.get(source.slug);
		if (!r) continue;
		const c = checkPost({ file: source.file, slug: source.slug, references: r.references }, site);
		checked.set(source.slug, c);
		problems.push(...c.problems);
		for (const [path, abs] of c.media) media.set(path, abs);
	}

	// 3b. images: measured in a check, encoded (or taken from the cache) in a build
	const pictures = await processImages(
		[...checked.values()].flatMap((c) => c.images),
		cacheDir === 'off' || refused ? join(paths.scratch, 'images') : cacheDir,
		{ encode: options.mode === 'build' }
	);
	for (const [path, file] of pictures.files) media.set(path, file);
	const images: Record<string, ImageFact> = Object.fromEntries(pictures.pictures);
	const entries: PostEntry[] = [];
	for (const source of list) {
		const r = rendered.get(source.slug);
		const c = checked.get(source.slug);
		if (!r || !c) continue;
		for (const path of c.missing) images[path] ??= 'missing';
		for (const job of c.images) {
			const reason = pictures.failed.get(job.path);
			if (reason)
				problems.push({
					severity: 'warning',
					file: source.file,
					line: job.line,
					field: job.cover ? 'coverImage' : 'image',
					message: `expected a picture the site can resize, saw ${job.path.split('/').pop()}: ${reason}; it is published as it is`,
					fix: 'save it again as PNG or JPEG (under 60 megapixels)'
				});
		}
		const picture = c.cover ? pictures.pictures.get(decodeUrl(c.cover)) : undefined;
		entries.push(entryOf(source, r, { url: c.cover, picture }, problems));
	}

	// 4. index
	const { posts, categories } = buildIndex(entries);
	return {
		posts,
		categories,
		problems,
		drafts,
		leftOut,
		media,
		images,
		encoded: {
			images: pictures.encoded,
			cached: pictures.cached,
			bytesIn: pictures.bytesIn,
			bytesOut: pictures.bytesOut
		},
		htmlDir,
		rendered: renderedCount,
		cached: jobs.length - renderedCount
	};
}
