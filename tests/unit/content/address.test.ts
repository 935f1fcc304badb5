/**
 * One address, one owner (issue 21, finding 8): `posts/0/<name of a published post>.md` took that post's address, and
 * the real post was left out (lenient mode) or blamed while the build stopped. The older file keeps an address, by its
 * first commit, else by path; the other is published at a free address derived from its path, with a warning.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignAddresses, firstAdded, parseFirstAdded, pathOrder } from '../../../src/lib/content/address';
import { loadContent } from '../../../src/lib/content/load';
import { formatProblem } from '../../../src/lib/content/problems';

const claim = (rel: string, slug = rel.split('/').pop()!.replace(/\.md$/, '')) => ({
	file: `posts/${rel}`,
	rel,
	slug
});

const load = (dir: string, root: string) =>
	loadContent({ dir, root, staticDir: resolve('static'), base: '', mode: 'check', cacheDir: 'off' });

describe('path order', () => {
	it('puts fewer folders first, then sorts by code unit', () => {
		expect(['0/rpc.md', 'tuan-2/rpc.md', 'rpc.md', 'Rpc.md', 'a/b/rpc.md'].sort(pathOrder)).toEqual([
			'Rpc.md',
			'rpc.md',
			'0/rpc.md',
			'tuan-2/rpc.md',
			'a/b/rpc.md'
		]);
	});
});

describe('assignAddresses', () => {
	it('keeps every address when no two files ask for the same one', () => {
		const { slugs, moved } = assignAddresses([claim('a.md'), claim('tuan-2/b.md')]);
		expect([...slugs]).toEqual([
			['posts/a.md', 'a'],
			['posts/tuan-2/b.md', 'b']
		]);
		expect(moved).toEqual([]);
	});

	it('gives the address to the file first by path when git says nothing, and the other one from its path', () => {
		// listPosts sorts 0/rpc.md before rpc.md: the order of the listing must not decide.
		const { slugs, moved } = assignAddresses([claim('0/rpc.md'), claim('rpc.md')]);
		expect(slugs.get('posts/rpc.md')).toBe('rpc');
		expect(slugs.get('posts/0/rpc.md')).toBe('0-rpc');
		expect(moved).toEqual([
			{
				file: 'posts/0/rpc.md',
				wanted: 'rpc',
				slug: '0-rpc',
				owner: 'posts/rpc.md',
				why: 'it comes first by path (fewer folders, then alphabetical)'
			}
		]);
	});

	it('gives the address to the file committed first, wherever it is', () => {
		const added = new Map([
			['0/rpc.md', 100],
			['rpc.md', 200]
		]);
		const { slugs, moved } = assignAddresses([claim('rpc.md'), claim('0/rpc.md')], added);
		expect(slugs.get('posts/0/rpc.md')).toBe('rpc');
		expect(slugs.get('posts/rpc.md')).toBe('rpc-2');
		expect(moved[0].why).toBe('it was committed first (1970-01-01, this file 1970-01-01)');
	});

	it('counts a committed file older than one that is not committed yet', () => {
		const { slugs, moved } = assignAddresses([claim('rpc.md'), claim('0/rpc.md')], new Map([['0/rpc.md', 5]]));
		expect(slugs.get('posts/0/rpc.md')).toBe('rpc');
		expect(moved[0]).toMatchObject({ file: 'posts/rpc.md', why: 'it is in git and this file is not committed yet' });
	});

	it('never lets a newer file take an address already given, even one derived from a path', () => {
		// 0/rpc.md holds /posts/0-rpc/ since before 0-rpc.md was added: the newcomer moves, not the older post.
		const added = new Map([
			['rpc.md', 1],
			['0/rpc.md', 2],
			['0-rpc.md', 3]
		]);
		const { slugs, moved } = assignAddresses([claim('0-rpc.md'), claim('0/rpc.md'), claim('rpc.md')], added);
		expect(slugs.get('posts/rpc.md')).toBe('rpc');
		expect(slugs.get('posts/0/rpc.md')).toBe('0-rpc');
		expect(slugs.get('posts/0-rpc.md')).toBe('0-rpc-2');
		expect(moved.map((m) => [m.file, m.owner])).toEqual([
			['posts/0/rpc.md', 'posts/rpc.md'],
			['posts/0-rpc.md', 'posts/0/rpc.md']
		]);
	});

	it('numbers addresses of files in one folder whose names slug the same', () => {
		const { slugs } = assignAddresses([claim('Bài 3.md', 'bai-3'), claim('bai-3.md'), claim('bài-3.md', 'bai-3')]);
		expect([...slugs.values()].sort()).toEqual(['bai-3', 'bai-3-2', 'bai-3-3']);
	});
});

describe('parseFirstAdded', () => {
	it('reads each path’s first commit, and a moved file keeps the age of the file it was', () => {
		const out =
			'\x01100\0\nA\x000/rpc.md\0\x01200\0\nA\0rpc.md\0R100\x000/rpc.md\0tuan-1/rpc.md\0\x01300\0\nA\0rpc.md\0';
		expect([...parseFirstAdded(out)]).toEqual([
			['0/rpc.md', 100],
			['rpc.md', 200],
			['tuan-1/rpc.md', 100]
		]);
	});

	it('is empty for no output', () => {
		expect(parseFirstAdded('').size).toBe(0);
	});
});

describe('addresses in a git repository (real commits at chosen times)', async () => {
	const work = mkdtempSync(join(tmpdir(), 'address-'));
	afterAll(() => rmSync(work, { recursive: true, force: true }));
	const posts = join(work, 'posts');
	const git = (args: string[], when?: string) =>
		execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
			cwd: work,
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 'Sinh viên',
				GIT_AUTHOR_EMAIL: 'sv@example.com',
				GIT_COMMITTER_NAME: 'Sinh viên',
				GIT_COMMITTER_EMAIL: 'sv@example.com',
				...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {})
			},
			encoding: 'utf8'
		});
	git(['init', '-q']);
	mkdirSync(join(posts, '0'), { recursive: true });
	cpSync(resolve('tests/fixtures/address/posts/0/rpc.md'), join(posts, '0/rpc.md'));
	git(['add', 'posts/0/rpc.md']);
	git(['commit', '-q', '-m', 'the nested post first'], '2025-01-10T08:00:00Z');
	cpSync(resolve('tests/fixtures/address/posts/rpc.md'), join(posts, 'rpc.md'));
	git(['add', 'posts/rpc.md']);
	git(['commit', '-q', '-m', 'then one at the top'], '2025-03-01T08:00:00Z');

	const first = await load(posts, work);

	it('reads first commit times in one git pass over the posts folder', async () => {
		expect([...(await firstAdded(posts))].sort()).toEqual([
			['0/rpc.md', Date.parse('2025-01-10T08:00:00Z') / 1000],
			['rpc.md', Date.parse('2025-03-01T08:00:00Z') / 1000]
		]);
	});

	it('lets the older nested file keep the address, and publishes the newer one at a free address', () => {
		expect(first.posts.map((p) => [p.slug, p.file]).sort()).toEqual([
			['rpc', 'posts/0/rpc.md'],
			['rpc-2', 'posts/rpc.md']
		]);
		expect(first.problems.map(formatProblem)).toEqual([
			'posts/rpc.md file name: expected a unique post address, saw /posts/rpc/ also used by posts/0/rpc.md, which keeps it: it was committed first (2025-01-10, this file 2025-03-01); this post is published at /posts/rpc-2/; rename this file (e.g. to rpc-2.md) to give it an address of its own'
		]);
		expect(first.leftOut).toEqual([]);
	});

	it('keeps the owner when it moves to another folder, and when a new file asks for its address', async () => {
		mkdirSync(join(posts, 'tuan-1'));
		git(['mv', 'posts/0/rpc.md', 'posts/tuan-1/rpc.md']);
		git(['commit', '-q', '-m', 'moved into a week folder'], '2025-04-01T08:00:00Z');
		writeFileSync(join(posts, 'RPC.md'), '---\ntitle: Chiếm chỗ\ndate: 2025-06-01\n---\n\nChưa commit.\n');
		const after = await load(posts, work);
		expect(after.posts.map((p) => [p.slug, p.file]).sort()).toEqual([
			['rpc', 'posts/tuan-1/rpc.md'],
			['rpc-2', 'posts/rpc.md'],
			['rpc-3', 'posts/RPC.md']
		]);
		expect(after.problems.map(formatProblem)).toContain(
			'posts/RPC.md file name: expected a unique post address, saw /posts/rpc/ also used by posts/tuan-1/rpc.md, which keeps it: it is in git and this file is not committed yet; this post is published at /posts/rpc-3/; rename this file (e.g. to rpc-3.md) to give it an address of its own'
		);
	});

	it('falls back to path order outside git', async () => {
		const plain = join(work, 'plain');
		mkdirSync(plain);
		renameSync(join(work, '.git'), join(work, 'git-off'));
		try {
			cpSync(resolve('tests/fixtures/address/posts'), plain, { recursive: true });
			const c = await load(plain, work);
			expect(c.posts.map((p) => [p.slug, p.file]).sort()).toEqual([
				['0-rpc', 'plain/0/rpc.md'],
				['rpc', 'plain/rpc.md']
			]);
		} finally {
			renameSync(join(work, 'git-off'), join(work, '.git'));
		}
	});
});

describe('the address fixture (tests/fixtures/address)', async () => {
	const content = await load(resolve('tests/fixtures/address/posts'), resolve('.'));

	it('keeps /posts/rpc/ for posts/rpc.md and publishes posts/0/rpc.md at /posts/0-rpc/, naming both', () => {
		expect(content.posts.map((p) => [p.slug, p.file]).sort()).toEqual([
			['0-rpc', 'tests/fixtures/address/posts/0/rpc.md'],
			['rpc', 'tests/fixtures/address/posts/rpc.md']
		]);
		const warning = content.problems.find((p) => p.field === 'file name');
		expect(warning?.severity).toBe('warning');
		expect(formatProblem(warning!)).toMatch(
			/^tests\/fixtures\/address\/posts\/0\/rpc\.md file name: expected a unique post address, saw \/posts\/rpc\/ also used by tests\/fixtures\/address\/posts\/rpc\.md, which keeps it: .*; this post is published at \/posts\/0-rpc\/;/
		);
		expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
	});
});
