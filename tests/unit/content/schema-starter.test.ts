/** Issue 25, points 3 and 4: the starter's `published` and `tags`, and tabs in YAML get their own advice. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/problems';
import { parseFrontmatter } from '../../../src/lib/content/schema';
import { splitFrontmatter } from '../../../src/lib/content/source';

const parse = (yaml: string) => parseFrontmatter(yaml, 'posts/a.md', 2);
const fixture = (name: string) => {
	const split = splitFrontmatter(readFileSync(`tests/fixtures/hints/${name}`, 'utf8'));
	return parseFrontmatter(split.frontmatter!, `posts/${name}`, split.frontmatterLine);
};

describe("the starter's frontmatter", () => {
	it('keeps a post with published: false as a draft', () => {
		const { data, problems } = fixture('nhap.md');
		expect(problems).toEqual([]);
		expect(data.draft).toBe(true);
		expect(parse('published: true').data.draft).toBe(false);
		expect(parse('published: false\ndraft: false').data.draft).toBe(true);
	});

	it('merges tags into categories, each name once, without a warning', () => {
		const { data, problems } = fixture('starter.md');
		expect(problems).toEqual([]);
		expect(data.categories).toEqual(['Hệ thống phân tán', 'RPC']);
		expect(parse('tags: RPC, gRPC').data.categories).toEqual(['RPC', 'gRPC']);
	});

	it('names a wrong published or tags value as it names a wrong field', () => {
		const { problems } = parse('published: maybe\ntags: {a: 1}');
		expect(problems.map((p) => [p.field, p.severity, p.scope, p.line])).toEqual([
			['published', 'error', 'field', 2],
			['tags', 'error', 'field', 3]
		]);
		expect(formatProblem(problems[0])).toContain('write published: false to keep the post as a draft');
	});
});

describe('tabs in YAML', () => {
	it('say to indent with spaces, on the line of the tab, not to quote colons', () => {
		const { problems, readable } = fixture('yaml-tab.md');
		expect(readable).toBe(false);
		expect(problems.map(formatProblem)).toEqual([
			'posts/yaml-tab.md:5 frontmatter: expected lines indented with spaces, saw a tab at the start of the line (YAML does not allow tabs there); replace the tab with two spaces, e.g. "  - RPC" under categories: (set your editor to indent with spaces)'
		]);
		expect(formatProblem(problems[0])).not.toContain('double quotes');
	});

	it('still gives the quoting advice for other syntax errors', () => {
		expect(formatProblem(parse('title: "không đóng').problems[0])).toContain('between double quotes');
	});
});
