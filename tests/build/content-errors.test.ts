import { describe, expect, it } from 'vitest';
import { site } from '../helpers/sites';

describe('a site with content errors', () => {
	it('fails the build and prints every problem with file and line', () => {
		const s = site('errors');
		expect(s.code).not.toBe(0);
		expect(s.output).toContain('5 content errors:');
		expect(s.output).toContain('tests/fixtures/errors/impossible-date.md:3 date: expected a date like 2025-05-11, saw "2025-18-5"');
		expect(s.output).toContain('tests/fixtures/errors/ambiguous-date.md:3 date: expected a date like 2025-05-11, saw "05/05/2025"');
		expect(s.output).toContain('tests/fixtures/errors/unclosed-frontmatter.md:1 frontmatter: expected a closing "---" line');
		expect(s.output).toMatch(/tests\/fixtures\/errors\/bad-yaml\.md:\d+ frontmatter: expected valid YAML/);
		expect(s.output).toMatch(/file name: expected a unique post address, saw \/posts\/trung-ten\/ also used by/);
		expect(s.output).toContain('CONTENT_ERRORS=warn');
	});

	it('with CONTENT_ERRORS=warn, builds the rest and names the posts left out', () => {
		const s = site('errors-warn');
		expect(s.code, s.output.slice(-2000)).toBe(0);
		expect(s.output).toContain('tests/fixtures/errors/impossible-date.md:3 date:');
		expect(s.output).toMatch(/left out/);
	});
});
