import { describe, expect, it } from 'vitest';
import { normalizeSource, splitFrontmatter } from '../../../src/lib/content/source';

describe('normalizeSource', () => {
	it('drops a BOM and turns CRLF into LF', () => {
		expect(normalizeSource('\uFEFF---\r\ntitle: a\r\n---\r\n')).toBe('---\ntitle: a\n---\n');
	});
});

describe('splitFrontmatter', () => {
	it('allows blank lines before the opening fence and keeps body line numbers', () => {
		const s = splitFrontmatter('\n\n---\ntitle: A\n---\nBody');
		expect(s.frontmatter).toBe('title: A');
		expect(s.frontmatterLine).toBe(4);
		expect(s.body.split('\n')[5]).toBe('Body');
	});

	it('reports a frontmatter that is never closed', () => {
		expect(splitFrontmatter('---\ntitle: A\n\nBody').unclosed).toBe(true);
	});

	it('treats a file without an opening fence as body only', () => {
		const s = splitFrontmatter('\n<!-- x -->\n# A\n---\nB');
		expect(s.frontmatter).toBeNull();
		expect(s.unclosed).toBe(false);
	});
});
