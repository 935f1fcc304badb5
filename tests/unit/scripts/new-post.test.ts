import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../../src/lib/content/schema';
import { splitFrontmatter } from '../../../src/lib/content/source';
import { createPost, today } from '../../../scripts/new-post';

describe('npm run new', () => {
	it('creates posts/<slug>.md with its frontmatter filled in', () => {
		const dir = mkdtempSync(join(tmpdir(), 'new-'));
		const file = createPost('Tiến trình và luồng', dir);
		expect(file).toBe(join(dir, 'tien-trinh-va-luong.md'));
		const split = splitFrontmatter(readFileSync(file, 'utf8'));
		const { data, problems } = parseFrontmatter(split.frontmatter!, 'x.md', 2);
		expect(problems).toEqual([]);
		expect(data).toMatchObject({ title: 'Tiến trình và luồng', date: today(), updated: today(), categories: [] });
		expect(split.frontmatter).toContain('# coverImage:');
	});

	it('never overwrites an existing post', () => {
		const dir = mkdtempSync(join(tmpdir(), 'new-'));
		createPost('Bài A', dir);
		expect(() => createPost('Bài A', dir)).toThrow(/already exists/);
		const r = spawnSync('npx', ['tsx', 'scripts/new-post.ts', 'Bài A'], {
			env: { ...process.env, POSTS_DIR: dir },
			encoding: 'utf8'
		});
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('already exists');
	});
});
