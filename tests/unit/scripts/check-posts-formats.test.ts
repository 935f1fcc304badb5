import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseFormat } from '../../../scripts/check-posts';
import type { Problem } from '../../../src/lib/content/problems';

const run = (env: Record<string, string>, ...args: string[]) =>
	spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-posts.ts', ...args], {
		env: { ...process.env, POSTS_DIR: 'tests/fixtures/errors', CONTENT_ERRORS: '', ...env },
		encoding: 'utf8'
	});

const unescape = (s: string) =>
	s.replace(/%(25|0D|0A|3A|2C)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A workflow command line, `::error file=…,line=…,title=…::message`, read back. */
function annotation(line: string) {
	const m = /^::(error|warning) ([^:]*)::(.*)$/.exec(line);
	if (!m) throw new Error(`not a workflow command: ${line}`);
	const props = Object.fromEntries(
		m[2].split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescape(kv.slice(kv.indexOf('=') + 1))])
	);
	return { command: m[1], file: props.file, line: props.line, title: props.title, text: unescape(m[3]) };
}

describe('check:posts --format json and github on the error fixtures', () => {
	const json = run({}, '--format', 'json');
	const { problems } = JSON.parse(json.stdout) as { problems: Problem[] };
	const summary = /^5 post\(s\) checked in [\d.]+ s: 4 error\(s\), 3 warning\(s\)\.$/;

	it('lists every problem in JSON and exits 1', () => {
		expect(json.status).toBe(1);
		expect(problems).toHaveLength(7);
	});

	it('prints one annotation per problem, with its file and line, then the summary line, and exits 1', () => {
		const r = run({}, '--format', 'github');
		expect(r.status).toBe(1);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines.pop()).toMatch(summary);
		const annotations = lines.map(annotation);
		expect(annotations).toHaveLength(problems.length);
		annotations.forEach((a, i) => {
			const p = problems[i];
			expect(a).toEqual({
				command: p.severity,
				file: p.file,
				line: p.line === undefined ? undefined : String(p.line),
				title: p.field,
				text: `${p.message}${p.fix ? `; ${p.fix}` : ''}`
			});
		});
		expect(lines).toContain(
			'::warning file=tests/fixtures/errors/trung-ten.md,title=file name::expected a unique post address, saw /posts/trung-ten/ also used by tests/fixtures/errors/Trùng tên.md, which keeps it: it comes first by path (fewer folders, then alphabetical); this post is published at /posts/trung-ten-2/; rename this file (e.g. to trung-ten-2.md) to give it an address of its own'
		);
	});

	it('in lenient mode writes errors as warnings that say whether the post is left out, and exits 0', () => {
		const r = run({ CONTENT_ERRORS: 'warn' }, '--format=github');
		expect(r.status, r.stderr).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines.pop()).toMatch(summary);
		const annotations = lines.map(annotation);
		expect(annotations.map((a) => [a.command, a.file, a.line])).toEqual(
			problems.map((p) => ['warning', p.file, p.line === undefined ? undefined : String(p.line)])
		);
		annotations.forEach((a, i) => {
			const p = problems[i];
			const prefix = p.severity === 'warning' ? '' : p.scope === 'field' ? 'published without it: ' : 'left out: ';
			expect(a.text).toBe(`${prefix}${p.message}${p.fix ? `; ${p.fix}` : ''}`);
		});
		expect(annotations.filter((a) => a.text.startsWith('left out: ')).map((a) => a.file)).toEqual([
			'tests/fixtures/errors/bad-yaml.md',
			'tests/fixtures/errors/unclosed-frontmatter.md'
		]);
	});

	it('refuses an unknown format with a usage line and exit code 2, before checking anything', () => {
		const r = run({}, '--format', 'xml');
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/^Usage: npm run check:posts .*--format json\|github/);
		expect(r.stdout).toBe('');
	});
});

describe('parseFormat', () => {
	it('reads --format VALUE and --format=VALUE, defaults to text, and refuses the rest', () => {
		expect(parseFormat([])).toBe('text');
		expect(parseFormat(['--fix'])).toBe('text');
		expect(parseFormat(['--format', 'github'])).toBe('github');
		expect(parseFormat(['--fix', '--format=json'])).toBe('json');
		expect(parseFormat(['--format', 'xml'])).toBeUndefined();
		expect(parseFormat(['--format'])).toBeUndefined();
		expect(parseFormat(['--format='])).toBeUndefined();
	});
});
