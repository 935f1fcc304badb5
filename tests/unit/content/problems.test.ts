import { describe, expect, it } from 'vitest';
import {
	escapeCommandData,
	escapeCommandProperty,
	formatGithub,
	lenientCost,
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
