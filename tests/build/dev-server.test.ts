/**
 * `npm run dev`: pages carry the live-reload client, files beside posts and KaTeX's files are served as in the build,
 * an edit is served without a restart, and a broken post shows its problem on its own page while the others keep working.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { copyProject } from '../helpers/project-copy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const project = copyProject('site', 'tests/fixtures/site');
const posts = join(project.dir, 'posts');
const port = 5300 + (process.pid % 500);
const origin = `http://127.0.0.1:${port}`;
let server: ChildProcess;
let log = '';

const get = async (path: string) => {
	const r = await fetch(origin + path);
	return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
};

/** Polls until `check` holds or 60 s pass. */
async function until(check: () => Promise<boolean>) {
	const end = Date.now() + 60_000;
	while (Date.now() < end) {
		if (await check().catch(() => false)) return true;
		await new Promise((r) => setTimeout(r, 250));
	}
	return false;
}

describe('npm run dev', () => {
	beforeAll(async () => {
		server = spawn(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
			cwd: project.dir,
			env: { ...process.env, POSTS_DIR: '', BASE_PATH: '', CONTENT_CACHE: '' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server.stdout!.on('data', (d) => (log += d));
		server.stderr!.on('data', (d) => (log += d));
		expect(await until(async () => (await get('/')).status === 200), log).toBe(true);
	});
	afterAll(() => {
		server?.kill();
		project.remove();
	});

	it('gives every page the live-reload client', async () => {
		const page = await get('/posts/links/');
		expect(page.status).toBe(200);
		expect(page.text).toContain('<script type="module" src="/@vite/client"></script>');
		expect((await get('/@vite/client')).status).toBe(200);
	});

	it('serves files beside posts and KaTeX as the build does, and nothing else of the posts folder', async () => {
		const image = await get('/media/hinh/s%C6%A1%20%C4%91%E1%BB%93%20m%E1%BA%A1ng.svg');
		expect(image.status).toBe(200);
		expect(image.type).toContain('image/svg+xml');
		expect((await get('/katex/katex.min.css')).status).toBe(200);
		expect((await get('/media/links.md')).status).toBe(404);
	});

	it('serves an edit without a restart', async () => {
		const file = join(posts, 'headings.md');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\n/, '\n\nMột câu vừa thêm khi đang chạy dev.\n\n'));
		expect(await until(async () => (await get('/posts/headings/')).text.includes('Một câu vừa thêm'))).toBe(true);
	});

	it('shows a broken post’s problem on its page while other pages answer 200, and recovers when it is fixed', async () => {
		const file = join(posts, 'math.md');
		const good = readFileSync(file, 'utf8');
		writeFileSync(file, good.replace(/^title: .*$/m, 'title: "không đóng ngoặc'));
		expect(await until(async () => (await get('/posts/math/')).status === 500)).toBe(true);
		expect((await get('/posts/math/')).text).toMatch(/math\.md:\d+ frontmatter: expected valid YAML/);
		expect((await get('/')).status).toBe(200);
		expect((await get('/posts/links/')).status).toBe(200);
		writeFileSync(file, good);
		expect(await until(async () => (await get('/posts/math/')).status === 200)).toBe(true);
	});
});
