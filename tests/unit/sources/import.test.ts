import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../../scripts/import';
import { makeRepo, post, tempDir } from './repos';

const sample = (name: string) => readFileSync(resolve('tests/fixtures/sources/starter-samples', `${name}.md`), 'utf8');
/** UTF-8 read as Windows-1252 and saved again: the mojibake students' editors make. */
const mojibake = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

describe('npm run import', () => {
	it('turns a starter fork into posts: pictures into posts/hinh/, paths rewritten, samples out, mojibake repaired', async () => {
		const dir = tempDir();
		const fork = makeRepo(join(dir, 'fork'), {
			'src/lib/posts/tien-trinh.md': post(
				'Tiến trình',
				`![sơ đồ](/images/so-do.png)\n\n<img src="/images/sub/b.png" alt="b">\n\n\`![code](/images/so-do.png)\`\n\n![mất](/images/khong-co.png)\n\n${mojibake('Tiến trình của máy tính')}`,
				'coverImage: "/images/so-do.png"\n'
			),
			'src/lib/posts/mau.md': sample('heading-links-example'),
			'static/images/so-do.png': 'png',
			'static/images/sub/b.png': 'b',
			'static/images/unused.png': 'u',
			'README.md': '# fork'
		});
		const root = join(dir, 'project');
		mkdirSync(join(root, 'posts'), { recursive: true });
		const report = await importSource(fork, { root, postsDir: 'posts' });
		expect(report.code).toBe(0);
		expect(report.posts).toEqual(['posts/tien-trinh.md']);
		expect(report.files.sort()).toEqual(['posts/hinh/so-do.png', 'posts/hinh/sub/b.png']);
		const text = readFileSync(join(root, 'posts/tien-trinh.md'), 'utf8');
		expect(text).toContain('coverImage: "./hinh/so-do.png"');
		expect(text).toContain('![sơ đồ](hinh/so-do.png)');
		expect(text).toContain('<img src="hinh/sub/b.png" alt="b">');
		expect(text).toContain('`![code](/images/so-do.png)`');
		expect(text).toContain('![mất](/images/khong-co.png)');
		expect(text).toContain('Tiến trình của máy tính');
		expect(text).not.toContain('Ã');
		expect(existsSync(join(root, 'posts/mau.md'))).toBe(false);
		expect(report.lines.join('\n')).toMatch(
			/left out src\/lib\/posts\/mau\.md: the starter's sample post heading-links-example/
		);
		expect(report.lines.join('\n')).toMatch(
			/\+ posts\/tien-trinh\.md: \d+ mojibake spots? repaired; 3 picture paths rewritten; \/images\/khong-co\.png is not in the source's static\//
		);
	});

	it('never overwrites an existing file, and names the clash', async () => {
		const dir = tempDir();
		const fork = makeRepo(join(dir, 'fork'), {
			'src/lib/posts/a.md': post('A mới', '![x](/images/x.png)'),
			'src/lib/posts/b.md': post('B', '![x](/images/x.png)'),
			'static/images/x.png': 'new picture'
		});
		const root = join(dir, 'project');
		mkdirSync(join(root, 'posts/hinh'), { recursive: true });
		writeFileSync(join(root, 'posts/a.md'), 'my own a');
		writeFileSync(join(root, 'posts/hinh/x.png'), 'my own picture');
		const report = await importSource(fork, { root, postsDir: 'posts' });
		expect(readFileSync(join(root, 'posts/a.md'), 'utf8')).toBe('my own a');
		expect(readFileSync(join(root, 'posts/hinh/x.png'), 'utf8')).toBe('my own picture');
		expect(readFileSync(join(root, 'posts/hinh/x-2.png'), 'utf8')).toBe('new picture');
		expect(readFileSync(join(root, 'posts/b.md'), 'utf8')).toContain('![x](hinh/x-2.png)');
		expect(report.clashes).toEqual(['posts/a.md', 'posts/hinh/x.png']);
		expect(report.lines.join('\n')).toMatch(/✖ posts\/a\.md already exists: not overwritten/);
	});

	it('refuses a hostile address by name and fetches nothing', async () => {
		const report = await importSource('--upload-pack=touch /tmp/x', { root: tempDir() });
		expect(report.code).toBe(2);
		expect(report.lines[0]).toMatch(/^Refused "--upload-pack=touch \/tmp\/x": .*starts with "-"/);
	});
});
