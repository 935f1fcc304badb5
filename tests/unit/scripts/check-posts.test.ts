import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixMojibake } from '../../../scripts/check-posts';
import { SHARED, hasShared } from '../../helpers/shared';

const SEEDS = resolve(SHARED, 'seeds');
const run = (posts: string, ...args: string[]) =>
	spawnSync('npx', ['tsx', 'scripts/check-posts.ts', ...args], {
		env: { ...process.env, POSTS_DIR: posts },
		encoding: 'utf8'
	});

describe('npm run check:posts', () => {
	it('exits 1 on content errors and names each with file and line', () => {
		const r = run('tests/fixtures/errors');
		expect(r.status).toBe(1);
		expect(r.stdout).toContain(
			'tests/fixtures/errors/impossible-date.md:3 date: expected a date like 2025-05-11, saw "2025-18-5"'
		);
		expect(r.stdout).toContain(
			'tests/fixtures/errors/good.md:4 coverWidght: unknown frontmatter key, it is ignored; did you mean "coverWidth"?'
		);
	});

	it('exits 0 with warnings only, naming missing images, posts and anchors', () => {
		const r = run('tests/fixtures/site');
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain(
			'tests/fixtures/site/links.md:8 link: expected a post at ./khong-co.md, saw no such post'
		);
		expect(r.stdout).toContain(
			'tests/fixtures/site/links.md:8 link: expected a heading "#khong-co-muc" in tests/fixtures/site/headings.md'
		);
		expect(r.stdout).toContain(
			'tests/fixtures/site/links.md:10 image: expected a file at ./hinh/thieu.png (next to the post), saw none'
		);
		expect(r.stdout).toMatch(/tests\/fixtures\/site\/links\.md:12 image: expected a file at hinh\/ảnh thiếu\.png/);
		expect(r.stdout).not.toContain('sơ đồ mạng');
		expect(r.stdout).toMatch(/\d+ post\(s\) checked in [\d.]+ s: 0 error\(s\)/);
	});

	it.skipIf(!hasShared)('reports mojibake per file with its lines and cause', () => {
		const r = run('../shared/seeds');
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(
			/000_efed89fa0f00f6f7\.md:2 encoding: expected UTF-8 text, saw mojibake \(UTF-8 text that was opened as Windows-1252/
		);
		expect(r.stdout).toMatch(/001_01bfb444e0fec87a\.md:2 encoding: expected UTF-8 text, saw mojibake \(.*Mac/);
		expect(r.stdout).not.toMatch(/003_aacb3d7b625f15a4\.md:\d+ encoding/);
	});
});

describe.skipIf(!hasShared)('check:posts --fix', () => {
	it('repairs copies of the seeds where certain, leaves clean files untouched, and lists lost bytes', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'seeds-'));
		cpSync(SEEDS, dir, { recursive: true });
		const clean = readFileSync(join(dir, '003_aacb3d7b625f15a4.md'));
		const lines = await fixMojibake(dir, dir);
		const title = (f: string) => /^title: (.*)$/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1];
		expect(title('000_efed89fa0f00f6f7.md')).toBe('"Tiến trình & Luồng"');
		expect(title('001_01bfb444e0fec87a.md')).toBe('"Tiến trình và luồng"');
		expect(readFileSync(join(dir, '003_aacb3d7b625f15a4.md')).equals(clean)).toBe(true);
		expect(lines.some((l) => l.startsWith('fixed 000_efed89fa0f00f6f7.md'))).toBe(true);
		expect(lines.some((l) => /000_efed89fa0f00f6f7\.md:\d+:\d+ left as it is/.test(l))).toBe(true);
		// A second run finds nothing more it can repair with certainty.
		const again = await fixMojibake(dir, dir);
		expect(again.filter((l) => l.startsWith('fixed'))).toEqual([]);
		expect(readdirSync(dir)).toHaveLength(5);
	});
});
