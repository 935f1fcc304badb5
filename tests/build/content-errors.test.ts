import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { site } from '../helpers/sites';

describe('a site with content errors', () => {
	it('fails the build and prints every problem with file and line', () => {
		const s = site('errors');
		expect(s.code).not.toBe(0);
		expect(s.output).toContain('4 content errors:');
		expect(s.output).toContain('tests/fixtures/errors/impossible-date.md:3 date: expected a date like 2025-05-11, saw "2025-18-5"');
		expect(s.output).toContain('tests/fixtures/errors/ambiguous-date.md:3 date: expected a date like 2025-05-11, saw "04/05/2025"');
		expect(s.output).toContain('tests/fixtures/errors/unclosed-frontmatter.md:1 frontmatter: expected a closing "---" line');
		expect(s.output).toMatch(/tests\/fixtures\/errors\/bad-yaml\.md:\d+ frontmatter: expected valid YAML/);
		expect(s.output).toMatch(/file name: expected a unique post address, saw \/posts\/trung-ten\/ also used by/);
		expect(s.output).toContain('CONTENT_ERRORS=warn');
	});

	it('with CONTENT_ERRORS=warn, builds the rest, names the posts left out and publishes those with bad values', () => {
		const s = site('errors-warn');
		expect(s.code, s.output.slice(-2000)).toBe(0);
		expect(s.output).toContain('2 content errors (CONTENT_ERRORS=warn: 2 posts left out):');
		expect(s.output).toMatch(/✖ tests\/fixtures\/errors\/bad-yaml\.md:\d+ frontmatter:/);
		expect(s.output).toContain('content errors in fields and scripts (CONTENT_ERRORS=warn: published without them):');
		expect(s.output).toContain('✖ tests/fixtures/errors/impossible-date.md:3 date:');
		expect(existsSync(join(s.dir, 'posts/impossible-date/index.html'))).toBe(true);
		expect(existsSync(join(s.dir, 'posts/bad-yaml/index.html'))).toBe(false);
	});
});
