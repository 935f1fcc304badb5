import { describe, expect, it } from 'vitest';
import { absoluteUrl, withBase } from '../../../src/lib/text/urls';

describe('withBase', () => {
	it('prefixes root paths with the base path once', () => {
		expect(withBase('/my-notes', '/posts/a/')).toBe('/my-notes/posts/a/');
		expect(withBase('/my-notes', '/my-notes/posts/a/')).toBe('/my-notes/posts/a/');
		expect(withBase('', '/posts/a/')).toBe('/posts/a/');
	});

	it('leaves external URLs and anchors alone', () => {
		expect(withBase('/x', 'https://example.com/a')).toBe('https://example.com/a');
		expect(withBase('/x', '#top')).toBe('#top');
	});

	it('builds absolute URLs from SITE_URL plus the base', () => {
		expect(absoluteUrl('https://sv.github.io/', '/my-notes', '/rss.xml')).toBe('https://sv.github.io/my-notes/rss.xml');
	});
});
