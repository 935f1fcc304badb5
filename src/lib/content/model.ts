/** The post index: pure functions over validated posts, shared by every page, the feed, the sitemap and search. */
import type { CalendarDay } from '../text/date.ts';
import { slugify } from '../text/slug.ts';
import type { Heading } from '../markdown/structure.ts';
import type { Picture } from '../text/picture.ts';
import { unifySeriesNames } from './course.ts';

export interface CategoryRef {
	name: string;
	slug: string;
}

export interface PostEntry {
	slug: string;
	/** Path as authors see it, e.g. `posts/rpc.md`. */
	file: string;
	title: string;
	date: CalendarDay | null;
	updated: CalendarDay | null;
	categories: CategoryRef[];
	excerpt: string;
	author?: string;
	/** The cover's URL as the feed and social cards use it (a site path or the author's remote URL). */
	coverImage?: string;
	/** A local cover, measured and encoded by the images stage. */
	cover?: Picture;
	coverWidth?: number;
	coverHeight?: number;
	readingMinutes: number;
	headings: Heading[];
	/** The series the post belongs to (`series: "Bài tập lớn"`), and its place in it (`order: 3`). */
	series?: string;
	order?: number;
}

export interface CategorySummary extends CategoryRef {
	count: number;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Newest first; undated posts after dated ones; ties by title, then slug. */
export function comparePosts(a: PostEntry, b: PostEntry): number {
	if (a.date !== b.date) {
		if (!a.date) return 1;
		if (!b.date) return -1;
		return a.date < b.date ? 1 : -1;
	}
	return collator.compare(a.title, b.title) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/**
 * Categories whose names slug the same (`AI`, `ai`, ` AI `) are one; the spelling most posts use is shown.
 * Sorted by post count, then name.
 */
export function groupCategories(posts: PostEntry[]): CategorySummary[] {
	const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
	for (const post of posts) {
		for (const c of post.categories) {
			const g = groups.get(c.slug) ?? { count: 0, spellings: new Map() };
			g.count++;
			g.spellings.set(c.name, (g.spellings.get(c.name) ?? 0) + 1);
			groups.set(c.slug, g);
		}
	}
	return [...groups.entries()]
		.map(([slug, g]) => {
			let name = '';
			let best = 0;
			for (const [spelling, n] of g.spellings) if (n > best) [name, best] = [spelling, n];
			return { slug, name, count: g.count };
		})
		.sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
}

/** Category names of one post, de-duplicated by slug, in the author's order. */
export function categoryRefs(names: string[]): CategoryRef[] {
	const seen = new Set<string>();
	const refs: CategoryRef[] = [];
	for (const name of names) {
		const slug = slugify(name);
		if (!slug || seen.has(slug)) continue;
		seen.add(slug);
		refs.push({ name, slug });
	}
	return refs;
}

/** Posts with each category's most common spelling, so every page shows the same name for one category. */
export function unifyCategoryNames(posts: PostEntry[], categories: CategorySummary[]): PostEntry[] {
	const names = new Map(categories.map((c) => [c.slug, c.name]));
	return posts.map((post) => ({
		...post,
		categories: post.categories.map((c) => ({ ...c, name: names.get(c.slug) ?? c.name }))
	}));
}

/** Stage 4, `index`: the published posts sorted once, newest first, with their categories. */
export function buildIndex(entries: PostEntry[]): { posts: PostEntry[]; categories: CategorySummary[] } {
	const sorted = unifySeriesNames([...entries].sort(comparePosts));
	const categories = groupCategories(sorted);
	return { posts: unifyCategoryNames(sorted, categories), categories };
}

/** Cuts text to about `max` characters at a word boundary. */
export function truncate(text: string, max = 220): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max);
	const space = /\s/.test(text[max]) ? max : cut.lastIndexOf(' ');
	const kept = space > max * 0.6 ? cut.slice(0, space) : cut;
	// Trailing spaces and punctuation trimmed one character at a time (`/[\s,.;:–-]+$/` is quadratic on a long run).
	let end = kept.length;
	while (end > 0 && /[\s,.;:–-]/.test(kept[end - 1])) end--;
	return kept.slice(0, end) + '…';
}

/** Minutes to read at 200 words a minute, at least 1. */
export function readingMinutes(words: number): number {
	return Math.max(1, Math.ceil(words / 200));
}

export interface Page<T> {
	items: T[];
	page: number;
	pages: number;
}

/** Page `page` (1-based) of `items`; `pages` is at least 1 so an empty site still has a home page. */
export function paginate<T>(items: T[], page: number, perPage: number): Page<T> {
	const pages = Math.max(1, Math.ceil(items.length / perPage));
	return { items: items.slice((page - 1) * perPage, page * perPage), page, pages };
}

/** The neighbours of a post in reading order: `newer` and `older`. */
export function neighbours(posts: PostEntry[], slug: string): { newer?: PostEntry; older?: PostEntry } {
	const i = posts.findIndex((p) => p.slug === slug);
	if (i < 0) return {};
	return { newer: posts[i - 1], older: posts[i + 1] };
}
