import { describe, expect, it } from 'vitest';
import { assignmentNumber, compareAssignments, courseIndex, seriesPlace } from '../../../src/lib/content/course';
import { buildIndex, type PostEntry } from '../../../src/lib/content/model';
import { slugify } from '../../../src/lib/text/slug';

const post = (slug: string, over: Partial<PostEntry> = {}): PostEntry => ({
	slug,
	file: `posts/${slug}.md`,
	title: slug,
	date: null,
	updated: null,
	categories: [],
	excerpt: '',
	readingMinutes: 3,
	headings: [],
	...over
});

describe('assignment numbers', () => {
	it('reads the number a title or file name gives', () => {
		expect(assignmentNumber('Bài 3: Gọi thủ tục từ xa', 'posts/x.md')).toBe(3);
		expect(assignmentNumber('Bài tập 10 – Raft', 'posts/x.md')).toBe(10);
		expect(assignmentNumber('Tuần 2: đồng hồ', 'posts/x.md')).toBe(2);
		expect(assignmentNumber('Lab 4', 'posts/x.md')).toBe(4);
		expect(assignmentNumber('2. Kiến trúc', 'posts/x.md')).toBe(2);
		expect(assignmentNumber('Giới thiệu', 'posts/1.gioi-thieu.md')).toBe(1);
		expect(assignmentNumber('Raft', 'posts/tuan-2/bai-03.md')).toBe(3);
		expect(assignmentNumber('RPC', 'posts/07-rpc.md')).toBe(7);
	});

	it('does not take any number in a title for a place', () => {
		expect(assignmentNumber('Đồng bộ 3 nút với Raft', 'posts/dong-bo.md')).toBeUndefined();
		expect(assignmentNumber('HTTP/2 và gRPC', 'posts/grpc.md')).toBeUndefined();
	});
});

describe('the course index', () => {
	it('orders by order, then natural numbers in titles and file names, then date', () => {
		const posts = [
			post('b10', { title: 'Bài 10: Raft' }),
			post('b2', { title: 'Bài 2: RPC' }),
			post('x', { title: 'Tổng kết', order: 1 }),
			post('late', { title: 'Ghi chú thêm', date: '2025-05-02' }),
			post('early', { title: 'Ghi chú đầu', date: '2025-03-01' }),
			post('file', { title: 'Đồng hồ', file: 'posts/bai-05-dong-ho.md' })
		];
		expect([...posts].sort(compareAssignments).map((p) => p.slug)).toEqual(['x', 'b2', 'file', 'b10', 'early', 'late']);
	});

	it('groups every post once, by series first, then by first category, uncategorised last', () => {
		const cat = (name: string) => [{ name, slug: slugify(name) }];
		const { posts } = buildIndex([
			post('a', { title: 'Bài 2', series: 'Bài tập lớn', categories: cat('RPC') }),
			post('b', { title: 'Bài 1', series: 'bài tập lớn' }),
			post('c', { title: 'Bài 3', series: 'Bài tập lớn' }),
			post('d', { title: 'Ghi chú', categories: cat('RPC') }),
			post('e', { title: 'Lẻ loi' }),
			post('f', { title: 'Ảnh', categories: cat('Mạng') })
		]);
		const groups = courseIndex(posts);
		expect(groups.map((g) => [g.kind, g.name, g.id, g.posts.map((p) => p.slug)])).toEqual([
			['series', 'Bài tập lớn', 'loat-bai-tap-lon', ['b', 'a', 'c']],
			['category', 'Mạng', 'chu-de-mang', ['f']],
			['category', 'RPC', 'chu-de-rpc', ['d']],
			['none', 'Chưa phân loại', 'chu-de-chua-phan-loai', ['e']]
		]);
		expect(groups.flatMap((g) => g.posts).length).toBe(posts.length);
	});

	it('gives a post its place in its series and its neighbours there', () => {
		const { posts } = buildIndex([
			post('a', { title: 'Bài 2', series: 'BTL', date: '2025-01-01' }),
			post('b', { title: 'Bài 1', series: 'BTL', date: '2025-03-01' }),
			post('c', { title: 'Bài 3', series: 'BTL', date: '2025-02-01' }),
			post('d', { title: 'Khác', date: '2025-04-01' })
		]);
		const place = seriesPlace(posts, 'a')!;
		expect([place.name, place.index, place.total, place.previous?.slug, place.next?.slug]).toEqual([
			'BTL',
			2,
			3,
			'b',
			'c'
		]);
		expect(place.id).toBe('loat-btl');
		expect(seriesPlace(posts, 'b')!.previous).toBeUndefined();
		expect(seriesPlace(posts, 'd')).toBeUndefined();
	});
});
