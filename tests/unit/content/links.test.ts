/** Links between posts follow each post's address, including one moved aside because another file owns its name. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLink } from '../../../src/lib/content/links';

const posts = '/site/posts';
const ctx = {
	postAbs: join(posts, 'bai.md'),
	postsDir: posts,
	staticDir: '/site/static',
	slugs: new Set(['bai', 'rpc', '0-rpc']),
	moved: { '0/rpc.md': '0-rpc' }
};

describe('resolveLink', () => {
	it('leads a relative link to a moved post to that post’s own address, not to the owner of its name', () => {
		expect(resolveLink('./0/rpc.md#muc', ctx)).toEqual({ kind: 'post', slug: '0-rpc', hash: 'muc', exists: true });
		expect(resolveLink('rpc.md', ctx)).toEqual({ kind: 'post', slug: 'rpc', hash: '', exists: true });
		expect(resolveLink('../0/rpc.md', { ...ctx, postAbs: join(posts, '1/x.md') })).toMatchObject({
			slug: '0-rpc'
		});
	});
});
