import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/problems';
import { parseFrontmatter, suggestField } from '../../../src/lib/content/schema';

const parse = (yaml: string) => parseFrontmatter(yaml, 'posts/a.md', 2);

describe('parseFrontmatter', () => {
	it('reads every field', () => {
		const { data, problems } = parse(
			'title: "RPC: gọi thủ tục"\ndate: 2025-5-9\nupdated: "2025-06-01"\ncategories: [RPC, "Hệ thống phân tán"]\ncoverImage: /images/a.png\ncoverWidth: 16\ncoverHeight: 9\nexcerpt: Tóm tắt\nauthor: An\ndraft: false'
		);
		expect(problems).toEqual([]);
		expect(data).toEqual({
			title: 'RPC: gọi thủ tục',
			date: '2025-05-09',
			updated: '2025-06-01',
			categories: ['RPC', 'Hệ thống phân tán'],
			coverImage: '/images/a.png',
			coverWidth: 16,
			coverHeight: 9,
			excerpt: 'Tóm tắt',
			author: 'An',
			draft: false
		});
	});

	it('accepts one category as a string', () => {
		expect(parse('categories: Hệ thống phân tán').data.categories).toEqual(['Hệ thống phân tán']);
	});

	it('keeps the calendar day of an unquoted YAML date', () => {
		expect(parse('date: 2024-05-01').data.date).toBe('2024-05-01');
	});

	it('names file, line, field, what was expected and what was seen for a bad date', () => {
		const { problems } = parse('title: A\ndate: hôm qua');
		expect(problems.map(formatProblem)).toEqual([
			'posts/a.md:3 date: expected a date like 2025-05-11, saw "hôm qua"; write the date as YYYY-MM-DD, e.g. date: 2025-05-11'
		]);
	});

	it('reports YAML that does not parse with its line', () => {
		const { problems } = parse('title: "không đóng\ndate: 2025-01-01');
		expect(problems[0]).toMatchObject({ severity: 'error', file: 'posts/a.md', field: 'frontmatter' });
		expect(problems[0].line).toBeGreaterThanOrEqual(2);
		expect(formatProblem(problems[0])).toMatch(/expected valid YAML, saw a syntax error/);
	});

	it('reports every problem at once', () => {
		const { problems } = parse('date: 2025-18-5\nupdated: 04/05/2025\ndraft: maybe\ncoverWidth: wide');
		expect(problems.map((p) => p.field)).toEqual(['date', 'updated', 'draft', 'coverWidth']);
		expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
	});

	it('marks a wrong field value as costing only that field, and YAML that does not parse as costing the post', () => {
		const fields = parse('date: 2025-05-0606\nupdated: 2025-055-06\ntitle: Vẫn đọc được');
		expect(fields.readable).toBe(true);
		expect(fields.problems.map((p) => [p.field, p.severity, p.scope])).toEqual([
			['date', 'error', 'field'],
			['updated', 'error', 'field']
		]);
		expect(fields.data.title).toBe('Vẫn đọc được');
		expect(fields.data.date).toBeUndefined();
		const broken = parse('title: "không đóng');
		expect(broken.readable).toBe(false);
		expect(broken.problems[0]).toMatchObject({ severity: 'error', scope: 'post', field: 'frontmatter' });
	});

	it('refuses a YAML alias bomb as one error instead of expanding it', () => {
		const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
		for (let i = 1; i < 9; i++) {
			const prev = String.fromCharCode(96 + i);
			const name = String.fromCharCode(97 + i);
			bomb.push(
				`${name}: &${name} [${Array(9)
					.fill('*' + prev)
					.join(',')}]`
			);
		}
		bomb.push('title: *i');
		const { problems, readable } = parse(bomb.join('\n'));
		expect(readable).toBe(false);
		expect(problems).toHaveLength(1);
		expect(formatProblem(problems[0])).toMatch(/^posts\/a\.md:\d+ frontmatter: expected plain YAML, saw aliases/);
	});

	it('reports a __proto__ key with its line like any unknown key', () => {
		const { problems, data } = parse('title: A\n__proto__: x');
		expect(problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^posts\/a\.md:3 __proto__: unknown frontmatter key, it is ignored/)
		]);
		expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
	});

	it('warns about unknown keys with a suggestion', () => {
		const { problems } = parse('coverWidght: 1200\nupdate: 2025-01-01\nfoo: 1');
		expect(problems.map(formatProblem)).toEqual([
			'posts/a.md:2 coverWidght: unknown frontmatter key, it is ignored; did you mean "coverWidth"?',
			'posts/a.md:3 update: unknown frontmatter key, it is ignored; did you mean "updated"?',
			expect.stringMatching(/^posts\/a\.md:4 foo: unknown frontmatter key, it is ignored; known keys: title, date/)
		]);
		expect(problems.every((p) => p.severity === 'warning')).toBe(true);
	});

	// Finding 12 of issue 21: a control character in a title or excerpt made rss.xml unreadable for every reader.
	it('removes control characters from every text field, with a warning naming file, line and field', () => {
		const { data, problems } = parse(
			'title: "Chu\\aông báo"\nexcerpt: "Tóm\\e[31m tắt\x7f"\ncategories: ["Mạng\\v", "RPC"]\nauthor: "Nhóm\\x01 3"\nseries: "Bài\\uFFFE tập"\ncoverImage: "/images/a\\x00.png"'
		);
		expect(data).toMatchObject({
			title: 'Chuông báo',
			excerpt: 'Tóm[31m tắt',
			categories: ['Mạng', 'RPC'],
			author: 'Nhóm 3',
			series: 'Bài tập',
			coverImage: '/images/a.png'
		});
		expect(problems.map(formatProblem)).toEqual([
			'posts/a.md:2 title: expected text without control characters, saw U+0007; it was removed; retype the text of this field (an invisible character was pasted into it)',
			'posts/a.md:3 excerpt: expected text without control characters, saw U+001B, U+007F; they were removed; retype the text of this field (an invisible character was pasted into it)',
			'posts/a.md:4 categories: expected text without control characters, saw U+000B; it was removed; retype the text of this field (an invisible character was pasted into it)',
			'posts/a.md:5 author: expected text without control characters, saw U+0001; it was removed; retype the text of this field (an invisible character was pasted into it)',
			'posts/a.md:6 series: expected text without control characters, saw U+FFFE; it was removed; retype the text of this field (an invisible character was pasted into it)',
			'posts/a.md:7 coverImage: expected text without control characters, saw U+0000; it was removed; retype the text of this field (an invisible character was pasted into it)'
		]);
		expect(problems.every((p) => p.severity === 'warning')).toBe(true);
	});

	it('still refuses a javascript: cover once a control character hiding it is removed', () => {
		const { data, problems } = parse('coverImage: "java\\x00script:alert(1)"');
		expect(data.coverImage).toBeUndefined();
		expect(problems.some((p) => p.severity === 'error' && p.field === 'coverImage')).toBe(true);
	});

	it('treats an empty value as a missing field', () => {
		expect(parse('title:\nexcerpt:').problems).toEqual([]);
	});
});

describe('suggestField', () => {
	it('suggests the closest known key', () => {
		expect(suggestField('catgories')).toBe('categories');
		expect(suggestField('Title')).toBe('title');
		expect(suggestField('zzzzzz')).toBeUndefined();
	});
});
