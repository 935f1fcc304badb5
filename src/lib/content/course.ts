/**
 * The course index: posts in the order a student hands them in, not the order they were written. Pure functions over
 * the post index. A post's place is its `order`, else the number in its title or file name ("Bài 2" before "Bài 10",
 * `1.gioi-thieu.md`, `bai-03.md`), else its date. Posts are grouped by `series`, then by their first category.
 */
import { slugify } from '../text/slug.ts';
import type { PostEntry } from './model.ts';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Words that introduce an assignment's number in a title or file name. */
const NUMBERED =
	/(?:^|[\s_.-])(?:bài(?:\s*tập)?|bai(?:[\s_-]*tap)?|tuần|tuan|buổi|buoi|lab|chương|chuong|phần|phan|week|part|assignment|hw|homework|ex|exercise)[\s_.#-]*(\d+(?:\.\d+)?)/iu;

/** The assignment number a title or file name gives: `Bài 3: RPC` → 3, `1.gioi-thieu.md` → 1, `bai-03.md` → 3. */
export function assignmentNumber(title: string, file: string): number | undefined {
	const fromTitle = NUMBERED.exec(title.normalize('NFC')) ?? /^\s*(\d+(?:\.\d+)?)[\s.:)_-]/.exec(title);
	if (fromTitle) return Number(fromTitle[1]);
	const name = (file.split('/').pop() ?? '').replace(/\.(md|markdown|svx)$/i, '');
	const fromFile = /^(\d+)(?:[\s._-]|$)/.exec(name) ?? NUMBERED.exec(name);
	return fromFile ? Number(fromFile[1]) : undefined;
}

/** Assignment order: `order`, then the number in the title or file name, then the date (oldest first), then title. */
export function compareAssignments(a: PostEntry, b: PostEntry): number {
	const key = (p: PostEntry) => p.order ?? assignmentNumber(p.title, p.file) ?? Infinity;
	const [ka, kb] = [key(a), key(b)];
	if (ka !== kb) return ka < kb ? -1 : 1;
	const [da, db] = [a.date ?? '9999', b.date ?? '9999'];
	if (da !== db) return da < db ? -1 : 1;
	return collator.compare(a.title, b.title);
}

/** The id of a group's heading on the index page: `loat-bai-tap-lon`, `chu-de-rpc`. */
const groupId = (kind: CourseGroup['kind'], slug: string) => `${kind === 'series' ? 'loat' : 'chu-de'}-${slug}`;

export interface CourseGroup {
	kind: 'series' | 'category' | 'none';
	name: string;
	/** The series' or category's slug. */
	slug: string;
	/** The id of the group's heading on the index page (`loat-…`, `chu-de-…`). */
	id: string;
	posts: PostEntry[];
}

/** Every post once, grouped by series (named groups first), then by first category, each in assignment order. */
export function courseIndex(posts: PostEntry[]): CourseGroup[] {
	const groups = new Map<string, CourseGroup>();
	const add = (kind: CourseGroup['kind'], name: string, slug: string, post: PostEntry) => {
		const key = `${kind}:${slug}`;
		const id = groupId(kind, slug);
		const group = groups.get(key) ?? { kind, name, slug, id, posts: [] };
		group.posts.push(post);
		groups.set(key, group);
	};
	for (const post of posts) {
		if (post.series) add('series', post.series, slugify(post.series) || 'khac', post);
		else if (post.categories[0]) add('category', post.categories[0].name, post.categories[0].slug, post);
		else add('none', 'Chưa phân loại', 'chua-phan-loai', post);
	}
	const rank = { series: 0, category: 1, none: 2 };
	return [...groups.values()]
		.map((g) => ({ ...g, posts: [...g.posts].sort(compareAssignments) }))
		.sort((a, b) => rank[a.kind] - rank[b.kind] || collator.compare(a.name, b.name));
}

/** Posts with each series' most common spelling, so one series has one name everywhere. */
export function unifySeriesNames(posts: PostEntry[]): PostEntry[] {
	const counts = new Map<string, Map<string, number>>();
	for (const p of posts) {
		if (!p.series) continue;
		const spellings = counts.get(slugify(p.series)) ?? new Map<string, number>();
		spellings.set(p.series, (spellings.get(p.series) ?? 0) + 1);
		counts.set(slugify(p.series), spellings);
	}
	const best = new Map(
		[...counts].map(([slug, spellings]) => [
			slug,
			[...spellings].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))[0][0]
		])
	);
	return posts.map((p) => (p.series ? { ...p, series: best.get(slugify(p.series)) } : p));
}

export interface SeriesPlace {
	name: string;
	/** The series' heading on the index page. */
	id: string;
	/** 1-based place in the series, and the series' length. */
	index: number;
	total: number;
	previous?: PostEntry;
	next?: PostEntry;
}

/** Where a post stands in its series, with the posts before and after it; undefined for a post in no series. */
export function seriesPlace(posts: PostEntry[], slug: string): SeriesPlace | undefined {
	const post = posts.find((p) => p.slug === slug);
	if (!post?.series) return undefined;
	const key = slugify(post.series);
	const series = posts.filter((p) => p.series && slugify(p.series) === key).sort(compareAssignments);
	const i = series.findIndex((p) => p.slug === slug);
	return {
		name: post.series,
		id: groupId('series', key || 'khac'),
		index: i + 1,
		total: series.length,
		previous: series[i - 1],
		next: series[i + 1]
	};
}
