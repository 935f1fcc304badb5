/**
 * The dev server's session (issue 12): after an edit, loadContent reads, renders and writes the edited post alone,
 * with a worker kept warm from the run before, and a removed post's HTML goes with it.
 */
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devSession, loadContent } from '../../../src/lib/content/load';

const work = mkdtempSync(join(tmpdir(), 'dev-session-'));
const posts = join(work, 'posts');
cpSync(resolve('posts'), posts, { recursive: true });
const session = devSession();
const options = {
	dir: posts,
	root: process.cwd(),
	staticDir: resolve('static'),
	base: '',
	mode: 'build' as const,
	cacheDir: join(work, 'cache'),
	outDir: join(work, 'html'),
	session
};
afterAll(async () => {
	await session.warm.close();
	rmSync(work, { recursive: true, force: true });
});
const mtime = (slug: string) => statSync(join(work, 'html', `${slug}.json`)).mtimeMs;

describe('a dev session', () => {
	it('renders only the edited post, and rewrites only its HTML', async () => {
		const first = await loadContent(options);
		expect(first.rendered).toBe(4);
		const before = { rpc: mtime('goi-thu-tuc-tu-xa-rpc'), intro: mtime('gioi-thieu-he-thong-phan-tan') };
		await new Promise((r) => setTimeout(r, 20));
		appendFileSync(join(posts, 'goi-thu-tuc-tu-xa-rpc.md'), '\n\nMột đoạn mới về gRPC.\n');
		const second = await loadContent(options);
		expect([second.rendered, second.cached]).toEqual([1, 3]);
		expect(mtime('goi-thu-tuc-tu-xa-rpc')).toBeGreaterThan(before.rpc);
		expect(mtime('gioi-thieu-he-thong-phan-tan')).toBe(before.intro);
		expect(second.posts.find((p) => p.slug === 'goi-thu-tuc-tu-xa-rpc')?.readingMinutes).toBeGreaterThan(0);
	});

	it('removes the HTML of a post that was removed, and lists it no more', async () => {
		rmSync(join(posts, 'tien-trinh-va-luong.md'));
		const c = await loadContent(options);
		expect(c.posts.map((p) => p.slug)).not.toContain('tien-trinh-va-luong');
		expect(existsSync(join(work, 'html', 'tien-trinh-va-luong.json'))).toBe(false);
		expect(existsSync(join(work, 'html', 'gioi-thieu-he-thong-phan-tan.json'))).toBe(true);
	});
});
