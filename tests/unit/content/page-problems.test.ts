/** Issue 25, point 4: in dev a post's page lists every problem of its file as the build reports it. */
import { describe, expect, it } from 'vitest';
import { pageProblems } from '../../../src/lib/content/page-problems';
import type { Problem } from '../../../src/lib/content/problems';

const problems: Problem[] = [
	{
		severity: 'warning',
		file: 'posts/a.md',
		line: 9,
		field: 'link',
		message: 'expected a post at ./b.md, saw no such post'
	},
	{
		severity: 'error',
		scope: 'field',
		file: 'posts/a.md',
		line: 3,
		field: 'date',
		message: 'expected a date like 2025-05-11, saw "hôm qua"',
		fix: 'write the date as YYYY-MM-DD'
	},
	{
		severity: 'error',
		scope: 'post',
		file: 'posts/b.md',
		line: 2,
		field: 'frontmatter',
		message: 'expected valid YAML'
	}
];

describe('pageProblems', () => {
	it("lists the post's own problems in line order, worded as the build words them, with what the build does", () => {
		expect(pageProblems(problems, 'posts/a.md')).toEqual([
			{
				severity: 'error',
				text: 'posts/a.md:3 date: expected a date like 2025-05-11, saw "hôm qua"; write the date as YYYY-MM-DD',
				effect: 'stops the build'
			},
			{ severity: 'warning', text: 'posts/a.md:9 link: expected a post at ./b.md, saw no such post', effect: 'warning' }
		]);
	});

	it('says what lenient mode and CONTENT_WARNINGS=error do with them', () => {
		expect(pageProblems(problems, 'posts/a.md', 'warn', 'error').map((p) => p.effect)).toEqual([
			'published without it',
			'stops the build'
		]);
		expect(pageProblems(problems, 'posts/b.md', 'warn').map((p) => p.effect)).toEqual(['left out']);
	});
});
