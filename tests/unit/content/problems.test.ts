import { describe, expect, it } from 'vitest';
import {
	escapeCommandData,
	escapeCommandProperty,
	escapeControls,
	formatGithub,
	formatProblem,
	formatReport,
	lenientCost,
	logSafeJson,
	printable,
	type Problem
} from '../../../src/lib/content/problems';

const date: Problem = {
	severity: 'error',
	scope: 'field',
	file: 'posts/rpc.md',
	line: 3,
	field: 'date',
	message: 'expected a date like 2025-05-11, saw "hôm qua"',
	fix: 'write it as YYYY-MM-DD'
};

describe('formatGithub', () => {
	it('writes an error as a workflow command with file, line and field', () => {
		expect(formatGithub(date)).toBe(
			'::error file=posts/rpc.md,line=3,title=date::expected a date like 2025-05-11, saw "hôm qua"; write it as YYYY-MM-DD'
		);
	});

	it('escapes %, CR and LF in the message, and also : and , in the file name and title', () => {
		const p: Problem = {
			severity: 'warning',
			file: 'posts/a,b: 100%.md',
			line: 7,
			field: 'link: #x',
			message: '100% sure,\r\nsecond line: here'
		};
		expect(formatGithub(p)).toBe(
			'::warning file=posts/a%2Cb%3A 100%25.md,line=7,title=link%3A #x::100%25 sure,%0D%0Asecond line: here'
		);
		expect(escapeCommandData('%0A')).toBe('%250A');
		expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
	});

	it('leaves out line= when the problem has no line', () => {
		const p: Problem = { ...date, scope: 'post', line: undefined, field: 'file name' };
		expect(formatGithub(p)).toMatch(/^::error file=posts\/rpc\.md,title=file name::/);
	});

	it('in lenient mode writes errors that do not stop the build as warnings saying what they cost', () => {
		expect(formatGithub(date, 'warn')).toBe(
			'::warning file=posts/rpc.md,line=3,title=date::published without it: expected a date like 2025-05-11, saw "hôm qua"; write it as YYYY-MM-DD'
		);
		expect(formatGithub({ ...date, scope: 'post', field: 'frontmatter' }, 'warn')).toMatch(
			/^::warning file=posts\/rpc\.md,line=3,title=frontmatter::left out: expected/
		);
		// A missing posts folder stops the build in either mode.
		expect(formatGithub({ ...date, scope: 'site', field: 'folder' }, 'warn')).toMatch(/^::error .*::expected/);
	});

	it('keeps warnings as warnings, without a prefix, in either mode', () => {
		const warning: Problem = { ...date, severity: 'warning', scope: undefined };
		expect(formatGithub(warning, 'warn')).toBe(formatGithub(warning));
		expect(formatGithub(warning)).toMatch(/^::warning [^:]*::expected a date/);
	});
});

describe('lenientCost', () => {
	it('says a post error leaves the post out, a field error publishes it without the value', () => {
		expect(lenientCost({ ...date, scope: 'post' })).toBe('left out');
		expect(lenientCost({ ...date, scope: undefined })).toBe('left out');
		expect(lenientCost(date)).toBe('published without it');
		expect(lenientCost({ ...date, scope: 'site' })).toBeUndefined();
	});
});

/** Whether GitHub's runner would read this line as a workflow command (`::x::` after spaces, or `##[x]` anywhere). */
const isCommand = (line: string) => /^\s*::/.test(line) || line.includes('##[');

// Issue 21, finding 9: a frontmatter key or a file name with a newline printed lines the runner obeyed.
describe('post text in the build log', () => {
	const hostile: Problem = {
		severity: 'warning',
		file: 'posts/a\n::error::file.md',
		line: 4,
		field: 'note\n::error::pwned\r\n::add-mask::x\n\n##[error]old',
		message: 'unknown frontmatter key, it is ignored',
		fix: 'did you mean "\u001b[31mred\u2028"?'
	};

	it('keeps a problem on one line, with its controls shown as escapes', () => {
		expect(formatProblem(hostile)).toBe(
			'posts/a\\n::error::file.md:4 note\\n::error::pwned\\r\\n::add-mask::x\\n\\n##\\[error]old: unknown frontmatter key, it is ignored; did you mean "\\u001b[31mred\\u2028"?'
		);
	});

	it('prints no line of a report that the runner would obey, in either mode', () => {
		const error: Problem = { ...hostile, severity: 'error', scope: 'post', file: '::warning::x.md' };
		for (const mode of ['error', 'warn'] as const) {
			const lines = formatReport([hostile, error], mode).split('\n');
			expect(lines).toHaveLength(4);
			for (const line of lines) expect(isCommand(line), line).toBe(false);
		}
		expect(formatProblem({ ...hostile, file: '  ::warning::x.md', line: undefined })).toMatch(
			/^ {2}\\::warning::x\.md /
		);
	});

	it('escapes controls, separators and direction overrides, and leaves Vietnamese, tabs of text and emoji alone', () => {
		expect(escapeControls('a\tb\u0000c\u007fd\u0085e\u202ef\u2066g')).toBe(
			'a\\tb\\u0000c\\u007fd\\u0085e\\u202ef\\u2066g'
		);
		expect(printable('Tiến trình và luồng — đ 😀 “x”')).toBe('Tiến trình và luồng — đ 😀 “x”');
		expect(printable('::error::x')).toBe('\\::error::x');
		expect(printable('a ::b ##[c] ##[d]')).toBe('a ::b ##\\[c] ##\\[d]');
	});

	it('writes JSON whose lines the runner would not obey and that reads back as the same text', () => {
		const value = { problems: [hostile, { ...hostile, message: '##[add-mask]x \u2028 \u0085' }] };
		const json = logSafeJson(value);
		for (const line of json.split('\n')) expect(isCommand(line), line).toBe(false);
		// eslint-disable-next-line no-control-regex -- control characters are what this looks for
		expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
		expect(JSON.parse(json)).toEqual(value);
	});
});
