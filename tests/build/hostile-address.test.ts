/**
 * One address, one owner (issue 21, finding 8): tests/fixtures/hostile/0/hop-le.md asks for the address of the
 * published hop-le.md (and sorts before it). The published post keeps /posts/hop-le/; the newcomer is published at
 * /posts/0-hop-le/, and the build names both files.
 */
import { describe, expect, it } from 'vitest';
import { read, site } from '../helpers/sites';

/** The post's own HTML: the body in div.prose, up to the site's navigation after it. */
const prose = (html: string) => html.slice(html.indexOf('<div class="prose">'), html.indexOf('<nav class="post-nav"'));

describe('a hostile post that asks for the address of a published one', () => {
	const s = site('hostile');

	it('leaves /posts/hop-le/ to the original post', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
		const html = prose(read(s, 'posts/hop-le/index.html'));
		expect(html).toMatch(/<aside class="callout callout-warning"><p class="callout-title">Chú ý<\/p>/);
		expect(html).not.toContain('Tệp giả mạo');
	});

	it('publishes the newcomer at an address of its own', () => {
		const html = prose(read(s, 'posts/0-hop-le/index.html'));
		expect(html).toContain('Tệp giả mạo');
		expect(html).not.toContain('callout-warning');
	});

	it('names both files in the output, and the address the newcomer got', () => {
		expect(s.output).toMatch(
			/\.artifacts\/hostile-posts\/0\/hop-le\.md file name: expected a unique post address, saw \/posts\/hop-le\/ also used by \.artifacts\/hostile-posts\/hop-le\.md, which keeps it: .*; this post is published at \/posts\/0-hop-le\//
		);
		expect(s.output).not.toMatch(/hostile-posts\/hop-le\.md file name/);
	});
});
