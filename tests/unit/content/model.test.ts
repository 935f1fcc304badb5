import { describe, expect, it } from 'vitest';
import {
	categoryRefs,
	comparePosts,
	groupCategories,
	neighbours,
	paginate,
	readingMinutes,
	truncate,
	type PostEntry
} from '../../../src/lib/content/model';

const post = (slug: string, date: string | null, categories: string[] = [], title = slug): PostEntry => ({
	slug,
	file: `posts/${slug}.md`,
	title,
	date,
	updated: null,
	categories: categoryRefs(categories),
	excerpt: '',
	readingMinutes: 1,
	headings: []
});

describe('comparePosts', () => {
	it('sorts newest first, undated last', () => {
		const sorted = [post('a', '2024-01-01'), post('b', null), post('c', '2025-01-01')].sort(comparePosts);
		expect(sorted.map((p) => p.slug)).toEqual(['c', 'a', 'b']);
	});
});

describe('groupCategories', () => {
	it('makes AI, ai and " AI " one category with the most used spelling', () => {
		const posts = [post('a', null, ['AI']), post('b', null, ['ai']), post('c', null, ['AI', 'Mạng'])];
		expect(groupCategories(posts)).toEqual([
			{ slug: 'ai', name: 'AI', count: 3 },
			{ slug: 'mang', name: 'Mạng', count: 1 }
		]);
	});

	it('counts a post once when it lists the same category twice', () => {
		expect(categoryRefs(['AI', 'ai'])).toEqual([{ name: 'AI', slug: 'ai' }]);
	});
});

describe('paginate and neighbours', () => {
	it('cuts pages and keeps at least one', () => {
		expect(paginate([1, 2, 3], 2, 2)).toEqual({ items: [3], page: 2, pages: 2 });
		expect(paginate([], 1, 10).pages).toBe(1);
	});

	it('finds newer and older posts', () => {
		const posts = [post('c', '2025-01-03'), post('b', '2025-01-02'), post('a', '2025-01-01')];
		expect(neighbours(posts, 'b')).toEqual({ newer: posts[0], older: posts[2] });
	});
});

describe('text helpers', () => {
	it('truncates at a word boundary', () => {
		expect(truncate('một hai ba bốn năm', 10)).toBe('một hai ba…');
		expect(truncate('ngắn', 10)).toBe('ngắn');
	});

	it('counts reading minutes at 200 words a minute, at least 1', () => {
		expect(readingMinutes(0)).toBe(1);
		expect(readingMinutes(401)).toBe(3);
	});
});
