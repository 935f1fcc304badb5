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
