import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/html';
import { PATHOLOGICAL_DIR } from '../helpers/pathological';
import { site } from '../helpers/sites';
import { slugFromFileName } from '../../src/lib/text/slug';

const ORDINARY = ['binh-thuong-1', 'binh-thuong-2', 'date-typos', 'proto-key', 'bad-escape'];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a folder of pathological posts beside ordinary ones (CONTENT_ERRORS=warn)', () => {
	const s = site('pathological');
	const built = new Set(listFiles(s.dir));
	const published = (slug: string) => built.has(`posts/${slug}/index.html`);

	it('builds, with exit 0 and no stack trace', () => {
		console.log(`pathological site: built in ${s.seconds.toFixed(1)} s, peak memory ${s.peakMb} MB`);
		expect(s.code, s.output.slice(-3000)).toBe(0);
		expect(s.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
	});

	it('publishes every ordinary post, those with only bad field values included', () => {
		for (const slug of ORDINARY) expect(published(slug), slug).toBe(true);
	});

	it('names every pathological post it leaves out, with why', () => {
		const files = readdirSync(PATHOLOGICAL_DIR).filter((f) => f.endsWith('.md') && !f.startsWith('.'));
		const leftOut = files.filter((f) => !published(slugFromFileName(f)));
		expect(leftOut.length).toBeGreaterThanOrEqual(8);
		for (const f of leftOut) {
			expect(s.output, `${f} is neither published nor named`).toMatch(
				new RegExp(`✖ \\.artifacts/pathological-posts/${escape(f)}(:\\d+)? (frontmatter|file|budget|markdown):`)
			);
		}
	});

	it('turns each kind of exhaustion into a named content error', () => {
		const o = s.output;
		expect(o).toMatch(/alias-bomb\.md:\d+ frontmatter: expected plain YAML, saw aliases \(\*name\) that expand too much/);
		expect(o).toMatch(/nested-quotes\.md:6 markdown: .*nested more than 100 levels deep/);
		expect(o).toMatch(/nested-list-one-line\.md:6 markdown: .*nested more than 100 levels deep/);
		expect(o).toMatch(/code-45000-lines\.md budget: expected a post the site can render, saw one that (took longer than 10 s|needed more than \d+ MB)/);
		expect(o).toMatch(/list-nested-2000-levels\.md file: expected a post of at most 2 MB, saw 3\.\d MB/);
		expect(o).toMatch(/png-saved-as-md\.md file: expected a Markdown text file, saw a PNG image/);
		expect(o).toMatch(/⚠ \.artifacts\/pathological-posts\/\.\.md file: skipped/);
		expect(o).toMatch(/proto-key\.md:4 __proto__: unknown frontmatter key/);
		expect(o).toMatch(/date-typos\.md:3 date: expected a date like 2025-05-11, saw "2025-05-0606"/);
		expect(o).toMatch(/published without them/);
	});

	it('keeps its peak memory under 1 GB', () => {
		expect(s.peakMb).toBeGreaterThan(0);
		expect(s.peakMb).toBeLessThan(1024);
	});
});
