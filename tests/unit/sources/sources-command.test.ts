import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSources } from '../../../scripts/sources';
import { makeRepo, post, tempDir } from './repos';

describe('npm run sources', () => {
	it('prints a line per student and exits 0 when a source fails; 1 when the class file has errors', async () => {
		const root = tempDir();
		makeRepo(join(root, 'an'), { 'posts/a.md': post('A'), 'posts/b.md': post('B') });
		writeFileSync(
			join(root, 'lop.yaml'),
			'students:\n  - name: An\n    group: Nhóm 3\n    repo: ./an\n  - name: Bình\n    repo: ./khong-co\n'
		);
		const out: string[] = [];
		const previous = process.env.CLASS_FILE;
		delete process.env.CLASS_FILE;
		try {
			expect(await runSources(root, [], (line) => out.push(line))).toBe(0);
			expect(out).toContainEqual(
				expect.stringMatching(/^ {2}✔ An, Nhóm 3 \(an\): 2 posts \(2 new\) from main@[0-9a-f]{7}; 0 problems$/)
			);
			expect(out).toContainEqual('  ✖ Bình (binh): left out, nothing fetched; 1 problem');
			out.length = 0;
			expect(await runSources(root, [], (line) => out.push(line))).toBe(0);
			expect(out).toContainEqual(
				expect.stringMatching(/✔ An, Nhóm 3 \(an\): 2 posts \(0 new\) from main@\w+ \(unchanged\)/)
			);
			writeFileSync(join(root, 'lop.yaml'), 'students:\n  - name: An\n    repo: "--upload-pack=x"\n');
			out.length = 0;
			expect(await runSources(root, [], (line) => out.push(line))).toBe(1);
			expect(out.join('\n')).toMatch(/lop\.yaml:3 repo: .*starts with "-"/);
			expect(await runSources(root, ['--bad'], () => {})).toBe(2);
		} finally {
			if (previous !== undefined) process.env.CLASS_FILE = previous;
		}
	});
});
