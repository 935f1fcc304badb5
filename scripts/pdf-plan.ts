/**
 * What `npm run pdf` prints, decided without a browser or the file system (scripts/pdf.ts does the printing): which
 * posts the arguments name, the page footer, the base path a site was built with, and the messages it prints.
 */
import { isAbsolute, relative, resolve } from 'node:path';

/** What the content index (`.svelte-kit/course-notes/content.json`) says about each post file. */
export interface PdfIndex {
	posts: { slug: string; file: string }[];
	drafts?: string[];
	leftOut?: string[];
}

export interface PdfSelection {
	slugs: string[];
	/** One line per argument that names no published post, saying why. */
	problems: string[];
}

/** `./posts\\Bài 3.md` → `posts/Bài 3.md`: forward slashes, no leading `./`, NFC (macOS writes file names decomposed). */
const normalise = (path: string) =>
	path
		.normalize('NFC')
		.replace(/\\/g, '/')
		.replace(/^(\.\/)+/, '');

/**
 * Slugs of the posts named on the command line, each as a post file (`posts/bai-3.md`, relative to `cwd` or absolute)
 * or as a slug (`bai-3`), in the order given, without repeats. `root` is the project folder the index's paths start
 * from.
 */
export function selectPosts(args: string[], index: PdfIndex, root: string, cwd = root): PdfSelection {
	const byFile = new Map(index.posts.map((p) => [normalise(p.file), p.slug]));
	const slugs = new Set(index.posts.map((p) => p.slug));
	const drafts = new Set((index.drafts ?? []).map(normalise));
	const leftOut = new Set((index.leftOut ?? []).map(normalise));
	const chosen: string[] = [];
	const problems: string[] = [];
	for (const arg of args) {
		const file = normalise(relative(root, isAbsolute(arg) ? arg : resolve(cwd, arg)));
		const slug = byFile.get(file) ?? (slugs.has(arg) ? arg : undefined);
		if (slug) {
			if (!chosen.includes(slug)) chosen.push(slug);
		} else if (drafts.has(file)) {
			problems.push(`${arg}: a draft (draft: true), so it has no page to print; publish it and run \`npm run build\``);
		} else if (leftOut.has(file)) {
			problems.push(`${arg}: left out of the last build because of its errors; fix them (\`npm run check:posts\`)`);
		} else {
			problems.push(
				`${arg}: expected a published post, saw none in the last build; check the file name, or run \`npm run build\` if the post is new`
			);
		}
	}
	return { slugs: chosen, problems };
}

/**
 * Chromium's page footer: "Trang N/M" centred in small grey type. Header and footer templates cannot load the site's
 * fonts or styles, so everything is inline.
 */
export function footerTemplate(label = 'Trang'): string {
	return (
		'<div style="width:100%;text-align:center;font-size:8pt;color:#555;font-family:sans-serif">' +
		`${label} <span class="pageNumber"></span>/<span class="totalPages"></span></div>`
	);
}

/** An empty header (Chromium prints the date and title there unless given one). */
export const HEADER_TEMPLATE = '<span></span>';

/** A4 margins as print.css's `@page` has them, with room at the bottom for the footer. */
export const PDF_MARGIN = { top: '16mm', right: '14mm', bottom: '20mm', left: '14mm' };

/**
 * The base path a site was built with, read from one of its pages (`href="/my-notes/_app/immutable/…"` → `/my-notes`),
 * so the PDF server matches the build even when BASE_PATH is not set again; undefined when the page does not say.
 */
export function builtBase(html: string): string | undefined {
	return /(?:href|src)="((?:\/[^"/]+)*)\/_app\/immutable\//.exec(html)?.[1];
}

/** `84213` → `82.2 kB`, `1572864` → `1.5 MB`. */
export function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What to say when there is no built site. */
export const noBuildMessage = (site: string) => `${site}/ not found: run \`npm run build\` first, then \`npm run pdf\``;

/** What to say when Chromium is not where it is looked for. */
export const noChromiumMessage = (path: string) =>
	`Chromium not found at ${path}: install it with \`sudo apt-get install -y chromium\` or set CHROME_PATH`;

/**
 * How long one post may take to print (loading, its pictures and the PDF itself) before it is given up: a post prints
 * in about a second, and one formula can ask for thousands of pages (`\rule{1em}{400000em}` printed 7,086 in 185 s).
 */
export const PDF_TIME_LIMIT = 60_000;

/** How many A4 pages one post may fill; the longest notes fill about 15. */
export const PDF_PAGE_LIMIT = 300;

/** The printed width and height of an A4 page inside PDF_MARGIN, in CSS pixels (96 per inch). */
export const PRINT_AREA = {
	width: Math.floor(((210 - 14 - 14) / 25.4) * 96),
	height: Math.floor(((297 - 16 - 20) / 25.4) * 96)
};

/** About how many pages a document this tall (in CSS pixels, laid out PRINT_AREA.width wide) prints on. */
export const estimatePages = (height: number) => Math.max(1, Math.ceil(height / PRINT_AREA.height));

/** The budgets of one post's PDF. */
export interface PdfLimits {
	timeMs: number;
	pages: number;
}

export const PDF_LIMITS: PdfLimits = { timeMs: PDF_TIME_LIMIT, pages: PDF_PAGE_LIMIT };

const FIX_HUGE =
	'shorten the post, or look for what draws a huge box: a formula with \\rule or \\kern, a very tall table or picture';

/** The warning for a post whose PDF is over a budget: it is published without a PDF (and without the link to one). */
export function pdfLimitWarning(
	where: string,
	over: { pages: number } | { timeMs: number },
	limits = PDF_LIMITS
): string {
	const seen =
		'pages' in over
			? `expected a PDF of at most ${limits.pages} pages, saw about ${over.pages}`
			: `expected a PDF printed within ${Math.round(limits.timeMs / 1000)} s, saw it still printing`;
	return `${where} pdf: ${seen}; the post is published without a PDF. To print it, ${FIX_HUGE}`;
}

/** The value `withTimeLimit` gives when the time ran out first. */
export const TIMED_OUT = Symbol('timed out');

/**
 * `work`, or TIMED_OUT when `ms` pass first. The work is not stopped (the caller closes what it runs in); its late
 * failure is ignored.
 */
export async function withTimeLimit<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	work.catch(() => undefined);
	try {
		return await Promise.race([
			work,
			new Promise<typeof TIMED_OUT>((done) => (timer = setTimeout(() => done(TIMED_OUT), ms)))
		]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * A post page without its "Tải PDF" paragraph (`<p class="pdf-link" …>…</p>`, src/routes/posts/[slug]/+page.svelte),
 * for a post that got no PDF; the page as it is when it has none.
 */
export function withoutPdfLink(html: string): string {
	// As a tag, never as text (which has `<` escaped) nor inside an attribute (which has `"` escaped).
	const start = html.indexOf('<p class="pdf-link');
	const end = start < 0 ? -1 : html.indexOf('</p>', start);
	return end < 0 ? html : html.slice(0, start) + html.slice(end + '</p>'.length);
}
