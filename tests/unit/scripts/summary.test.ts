import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	changedFiles,
	contentReport,
	countPages,
	finishReport,
	readReport,
	renderSummary,
	type BuildReport
} from '../../../scripts/summary';
import { writeManifest } from '../../../src/lib/build/manifest.js';
import { loadContent } from '../../../src/lib/content/load';
import type { Problem } from '../../../src/lib/content/problems';

const warning = (n: number): Problem => ({
	severity: 'warning',
	file: 'posts/links.md',
	line: n,
	field: 'link',
	message: `expected a post at ./p${n}.md, saw no such post`
});

const sample: BuildReport = {
	mode: 'error',
	published: 2,
	posts: [
		{ file: 'posts/rpc.md', title: 'RPC: gọi thủ tục [từ xa]', url: '/my-notes/posts/rpc/' },
		{ file: 'posts/links.md', title: 'Liên kết', url: '/my-notes/posts/links/' }
	],
	leftOut: [
		{
			file: 'posts/bad-yaml.md',
			problems: [
				{
					severity: 'error',
					scope: 'post',
					file: 'posts/bad-yaml.md',
					line: 3,
					field: 'frontmatter',
					message: 'expected valid YAML, saw a syntax error',
					fix: 'put the title between double quotes'
				}
			]
		}
	],
	errors: [],
	warnings: [warning(8)],
	drafts: ['posts/nhap.md'],
	contentSeconds: 4.123,
	seconds: 31.25,
	ok: true,
	pages: 12
};

describe('renderSummary', () => {
	it('gives the outcome, a table of counts and times, the posts left out and the warnings', () => {
		const md = renderSummary(sample, { changed: [] });
		expect(md).toContain('## Course notes build: ✅ built\n');
		expect(md).toContain(
			'| Posts published | Left out | Warnings | Pages | Build time |\n| --: | --: | --: | --: | --: |\n| 2 | 1 | 1 | 12 | 31.3 s (content 4.1 s) |'
		);
		expect(md).toContain(
			'### Left out\n\n- `posts/bad-yaml.md:3` frontmatter: expected valid YAML, saw a syntax error; put the title between double quotes\n'
		);
		expect(md).toContain('### Warnings\n\n- `posts/links.md:8` link: expected a post at ./p8.md, saw no such post\n');
		expect(md).not.toContain('### Errors');
	});

	it('says for each changed post whether it was published, with a link when the site URL is known', () => {
		const changed = ['posts/rpc.md', 'posts/bad-yaml.md', 'posts/nhap.md', 'posts/da-xoa.md'];
		const md = renderSummary(sample, { changed, siteUrl: 'https://sv.github.io' });
		expect(md).toContain(
			[
				'### New or changed posts',
				'',
				'- `posts/rpc.md`: published: [RPC: gọi thủ tục \\[từ xa\\]](https://sv.github.io/my-notes/posts/rpc/)',
				'- `posts/bad-yaml.md`: left out (see above)',
				'- `posts/nhap.md`: a draft, not published',
				'- `posts/da-xoa.md`: not in the build (removed, or skipped: see the warnings)'
			].join('\n')
		);
		expect(renderSummary(sample, { changed: ['posts/rpc.md'] })).toContain(
			'- `posts/rpc.md`: published: RPC: gọi thủ tục \\[từ xa\\]\n'
		);
	});

	it('says "(unknown)" when the changed posts are unknown, and "None." when there are none', () => {
		expect(renderSummary(sample)).toMatch(/### New or changed posts\n\n\(unknown\)\n$/);
		expect(renderSummary(sample, { changed: [] })).toMatch(/### New or changed posts\n\nNone\.\n$/);
	});

	it('shows at most 50 warnings, then how many more', () => {
		const warnings = Array.from({ length: 62 }, (_, i) => warning(i + 1));
		const md = renderSummary({ ...sample, warnings });
		const listed = md.split('### Warnings\n\n')[1].split('\n\n')[0].split('\n');
		expect(listed).toHaveLength(51);
		expect(listed[49]).toContain('posts/links.md:50');
		expect(listed[50]).toBe('- … and 12 more');
		expect(md).toContain('| 62 |');
	});

	it('on a stopped build says why, lists the errors and publishes nothing', () => {
		const error: Problem = {
			severity: 'error',
			scope: 'field',
			file: 'posts/rpc.md',
			line: 3,
			field: 'date',
			message: 'expected a date like 2025-05-11, saw "2025-18-5"'
		};
		const stopped = { ...sample, errors: [error], ok: false, pages: undefined, seconds: 4.5 };
		const md = renderSummary(stopped, { changed: ['posts/rpc.md'] });
		expect(md).toContain('## Course notes build: ❌ stopped\n');
		expect(md).toContain('| — | 1 | 1 | — | 4.5 s (content 4.1 s) |');
		expect(md).toContain('The build stops on content errors.');
		expect(md).toContain('### Errors\n\n- `posts/rpc.md:3` date: expected a date like 2025-05-11, saw "2025-18-5"\n');
		expect(md).toContain('- `posts/rpc.md`: would be published (RPC: gọi thủ tục \\[từ xa\\]), but the build stopped');
		// In lenient mode the same error costs the post its date, and says so.
		expect(renderSummary({ ...stopped, mode: 'warn', ok: true })).toContain(
			'- `posts/rpc.md:3` published without it: date: expected'
		);
	});

	it('says the build did not get through its content stage when there is no report', () => {
		expect(renderSummary(undefined)).toMatch(/^## Course notes build: ❌ stopped\n\nNo build report/);
	});

	it('escapes Markdown in messages so that a post cannot add markup to the summary', () => {
		const md = renderSummary({
			...sample,
			warnings: [{ ...warning(1), message: 'saw <img src=x> and *bold* | pipe' }]
		});
		expect(md).toContain('saw \\<img src=x\\> and \\*bold\\* \\| pipe');
	});

	// Issue 21, finding 9: a newline in a key, a file name or a title ended the list and started markup of its own.
	it('keeps every problem and post on its own line, newlines and other controls shown as escapes', () => {
		const file = 'posts/a\n\n# Đã build xong\n.md';
		const md = renderSummary(
			{
				...sample,
				posts: [{ file, title: 'Tiêu đề\n\n## Giả\r\n- mục', url: '/my-notes/posts/a/' }],
				warnings: [{ ...warning(1), file, field: 'note\n\n::error::pwned', message: 'x\u2028y\u001bz' }]
			},
			{ changed: [file] }
		);
		const lines = md.split('\n');
		const warnings = lines.slice(lines.indexOf('### Warnings') + 2);
		expect(warnings[0]).toBe(
			'- `posts/a\\n\\n# Đã build xong\\n.md:1` note\\\\n\\\\n::error::pwned: x\\\\u2028y\\\\u001bz'
		);
		expect(warnings[1]).toBe('');
		expect(md).toContain(
			'- `posts/a\\n\\n# Đã build xong\\n.md`: published: Tiêu đề\\\\n\\\\n\\#\\# Giả\\\\r\\\\n- mục\n'
		);
		// Every heading is the summary's own; no line is a blank the post made, nor a heading or item of its own.
		expect(lines.filter((l) => l.startsWith('#'))).toEqual([
			'## Course notes build: ✅ built',
			'### Left out',
			'### Warnings',
			'### New or changed posts'
		]);
		// eslint-disable-next-line no-control-regex -- control characters are what this looks for
		expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028]/);
	});
});

describe('the build report', () => {
	it('lists published posts with their URLs, left-out posts with their errors, and warnings, from loadContent', async () => {
		const root = resolve('.');
		const content = await loadContent({
			dir: resolve('tests/fixtures/errors'),
			root,
			staticDir: resolve('static'),
			base: '',
			mode: 'check'
		});
		const report = contentReport(content, { seconds: 1.234, base: '/my-notes', mode: 'warn' });
		// Two files asking for one address are both published, the second at an address of its own (finding 8).
		expect(report.published).toBe(5);
		expect(report.posts).toContainEqual({
			file: 'tests/fixtures/errors/good.md',
			title: expect.any(String),
			url: '/my-notes/posts/good/'
		});
		expect(report.leftOut.map((l) => [l.file, l.problems.map((p) => p.field)])).toEqual([
			['tests/fixtures/errors/bad-yaml.md', ['frontmatter']],
			['tests/fixtures/errors/unclosed-frontmatter.md', ['frontmatter']]
		]);
		expect(report.errors.map((p) => p.file)).toEqual([
			'tests/fixtures/errors/ambiguous-date.md',
			'tests/fixtures/errors/impossible-date.md'
		]);
		expect(report.warnings.map((p) => p.field)).toEqual(['coverWidght', 'update', 'file name']);
		expect(report.contentSeconds).toBe(1.23);
	});

	it('counts the pages of the built site and adds the totals to the content stage report', () => {
		expect(countPages(['index.html', 'posts/a/index.html', 'rss.xml', '_app/x.js', '404.html'])).toBe(3);
		const dir = mkdtempSync(join(tmpdir(), 'report-'));
		const site = join(dir, 'build');
		mkdirSync(join(site, 'posts/a'), { recursive: true });
		writeFileSync(join(site, 'index.html'), '');
		writeFileSync(join(site, 'posts/a/index.html'), '');
		writeFileSync(join(site, 'sitemap.xml'), '');
		const file = join(dir, 'manifest.json');
		writeManifest(file, { report: { ...sample, seconds: undefined, ok: undefined, pages: undefined } });
		finishReport(file, { seconds: 12.345, ok: true, site });
		expect(readReport(file)).toMatchObject({ published: 2, seconds: 12.35, ok: true, pages: 2 });
		finishReport(file, { seconds: 3, ok: false, site });
		expect(readReport(file)).toMatchObject({ ok: false, seconds: 3 });
		expect(readReport(file)?.pages).toBeUndefined();
		// No report from the content stage: nothing to complete.
		finishReport(join(dir, 'none.json'), { seconds: 1, ok: false, site });
		expect(existsSync(join(dir, 'none.json'))).toBe(false);
	});
});

describe('changedFiles', () => {
	const git = (cwd: string, ...args: string[]) =>
		execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });

	it('lists the posts changed since the base commit, Vietnamese names as written', () => {
		const dir = mkdtempSync(join(tmpdir(), 'changed-'));
		mkdirSync(join(dir, 'posts'));
		writeFileSync(join(dir, 'posts/a.md'), 'a');
		writeFileSync(join(dir, 'posts/b.md'), 'b');
		writeFileSync(join(dir, 'README.md'), 'r');
		git(dir, 'init', '-q');
		git(dir, 'add', '.');
		git(dir, 'commit', '-qm', 'base');
		const base = git(dir, 'rev-parse', 'HEAD').trim();
		writeFileSync(join(dir, 'posts/a.md'), 'a2');
		writeFileSync(join(dir, 'posts/Tiến trình.md'), 't');
		writeFileSync(join(dir, 'README.md'), 'r2');
		git(dir, 'add', '.');
		git(dir, 'commit', '-qm', 'change');
		expect(changedFiles(base, 'posts', dir)?.sort()).toEqual(['posts/Tiến trình.md', 'posts/a.md']);
		expect(readFileSync(join(dir, 'posts/a.md'), 'utf8')).toBe('a2');
	});

	it('is undefined without a base, for the all-zero commit of a new branch, and when git cannot tell', () => {
		const cwd = resolve('.');
		expect(changedFiles(undefined, 'posts', cwd)).toBeUndefined();
		expect(changedFiles('', 'posts', cwd)).toBeUndefined();
		expect(changedFiles('0000000000000000000000000000000000000000', 'posts', cwd)).toBeUndefined();
		expect(changedFiles('--output=/tmp/x', 'posts', cwd)).toBeUndefined();
		expect(changedFiles('1234567890abcdef1234567890abcdef12345678', 'posts', cwd)).toBeUndefined();
	});
});
