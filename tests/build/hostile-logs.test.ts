/**
 * Issue 21, finding 9: text from a post (a frontmatter key or value with a newline, tests/fixtures/hostile/
 * log-injection.md) printed lines of its choosing into `npm run build`'s log, which GitHub's runner obeys as workflow
 * commands (`::error::`, `::add-mask::`, the older `##[…]` anywhere in a line).
 */
import { describe, expect, it } from 'vitest';
import { site } from '../helpers/sites';

/** Whether GitHub's runner would read this line as a workflow command. */
const isCommand = (line: string) => /^\s*::/.test(line) || line.includes('##[');

describe('the build log of the hostile posts', () => {
	const s = site('hostile');
	// As the runner reads a log: a line ends at LF, CR or CRLF.
	const lines = s.output.split(/\r\n|\r|\n/);

	it('has no line that the runner would obey as a workflow command', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
		expect(lines.filter(isCommand)).toEqual([]);
	});

	it('names each hostile key on one line, its newlines shown as \\n', () => {
		const file = '.artifacts/hostile-posts/log-injection.md';
		expect(s.output).toContain(`${file}:4 ghi-chu\\n::error::pwned: unknown frontmatter key, it is ignored`);
		expect(s.output).toContain(`${file}:5 x\\n::add-mask::x: unknown frontmatter key`);
		expect(s.output).toContain(`${file}:6 y\\r\\n  ::warning file=posts/a.md::giả: unknown frontmatter key`);
		expect(s.output).toContain(`${file}:7 z\\n\\n- ##\\[error]cũ: unknown frontmatter key`);
		expect(s.output).toMatch(/log-injection\.md:8 updated: expected .*, saw "hôm qua\\n::error::updated"/);
	});
});
