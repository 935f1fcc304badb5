import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planLayout, readLayout, starterSample } from '../../../src/lib/sources/layout';
import { post, tempDir, writeFiles } from './repos';

const SAMPLES = resolve('tests/fixtures/sources/starter-samples');
const sample = (name: string) => readFileSync(join(SAMPLES, `${name}.md`), 'utf8');

describe('the layout of a source', () => {
	it("recognises this project's layout: posts/, files beside posts, static/", () => {
		const plan = planLayout([
			'posts/a.md',
			'posts/tuan-2/b.md',
			'posts/hinh/x.png',
			'static/images/y.png',
			'README.md',
			'package.json'
		]);
		expect(plan).toMatchObject({ kind: 'project', postsDir: 'posts', staticDir: 'static' });
		expect(plan.posts).toEqual(['posts/a.md', 'posts/tuan-2/b.md']);
		expect(plan.assets).toEqual(['posts/hinh/x.png', 'static/images/y.png']);
		expect(plan.leftOut).toEqual({ readme: ['README.md'] });
	});

	it("recognises the starter's layout and leaves out its files, route pages and node_modules, counted", () => {
		const plan = planLayout([
			'src/lib/posts/bai-1.md',
			'src/lib/posts/CHANGELOG.md',
			'src/routes/about/+page.md',
			'src/routes/+page.svelte',
			'static/images/x.png',
			'LICENSE.md',
			'README.md',
			'node_modules/pkg/README.md',
			'node_modules/pkg/index.js',
			'.github/ISSUE_TEMPLATE.md',
			'.eslintrc.cjs',
			'docs/ghi-chu.md'
		]);
		expect(plan).toMatchObject({ kind: 'starter', postsDir: 'src/lib/posts', staticDir: 'static' });
		expect(plan.posts).toEqual(['src/lib/posts/bai-1.md']);
		expect(plan.assets).toEqual(['static/images/x.png']);
		expect(plan.leftOut).toEqual({
			changelog: ['src/lib/posts/CHANGELOG.md'],
			'route-page': ['src/routes/about/+page.md'],
			license: ['LICENSE.md'],
			readme: ['README.md'],
			node_modules: ['node_modules/pkg/README.md', 'node_modules/pkg/index.js'],
			hidden: ['.github/ISSUE_TEMPLATE.md'],
			'outside-posts': ['docs/ghi-chu.md']
		});
	});

	it('takes a plain folder of Markdown as it is, pictures beside the posts', () => {
		const plan = planLayout(['bai-1.md', 'tuan-2/bai-2.md', 'tuan-2/hinh.png', 'script.sh.bak', 'README.md']);
		expect(plan).toMatchObject({ kind: 'folder', postsDir: '' });
		expect(plan.posts).toEqual(['bai-1.md', 'tuan-2/bai-2.md']);
		expect(plan.assets).toEqual(['tuan-2/hinh.png']);
	});

	it("knows the starter's three sample posts by their text, renamed and with their frontmatter changed", () => {
		for (const name of ['heading-links-example', 'mdsvex-component-example', 'syntax-highlighting-example']) {
			expect(starterSample(sample(name))).toBe(name);
			const renamed = sample(name)
				.replace(/^title: .*$/m, 'title: "Bài 1 của em"')
				.replace(/\n/g, '\r\n');
			expect(starterSample(renamed)).toBe(name);
		}
	});

	it("keeps a student's own post written over a sample's file, and a long post that quotes a sample", () => {
		expect(
			starterSample(post('Hệ thống phân tán là gì?', 'Hệ thống phân tán là một tập hợp các máy tính độc lập.'))
		).toBeUndefined();
		const long = `${sample('heading-links-example')}\n\n${'Phần em viết thêm về đồng hồ logic và thuật toán Lamport. '.repeat(20)}`;
		expect(starterSample(long)).toBeUndefined();
	});

	it('reads a materialised tree: samples out by content whatever their name, counted with the rest', () => {
		const root = tempDir();
		writeFiles(root, {
			'src/lib/posts/bai-cua-em.md': post('Bài của em'),
			'src/lib/posts/tuan-1.md': sample('syntax-highlighting-example'),
			'src/lib/posts/heading-links-example.md': post('Blog 1', 'Hệ thống phân tán, bài của em.'),
			'static/images/src/lib/posts/mdsvex-component-example.md': sample('mdsvex-component-example'),
			'static/images/x.png': 'png',
			'README.md': '# blog'
		});
		const layout = readLayout(root);
		expect(layout.kind).toBe('starter');
		expect(layout.posts).toEqual([
			join(root, 'src/lib/posts/bai-cua-em.md'),
			join(root, 'src/lib/posts/heading-links-example.md')
		]);
		expect(layout.staticDir).toBe(join(root, 'static'));
		expect(layout.leftOut).toEqual({ sample: 2, readme: 1 });
		expect(layout.leftOutFiles.filter((f) => f.reason === 'sample')).toEqual([
			{ path: 'src/lib/posts/tuan-1.md', reason: 'sample', sample: 'syntax-highlighting-example' },
			{
				path: 'static/images/src/lib/posts/mdsvex-component-example.md',
				reason: 'sample',
				sample: 'mdsvex-component-example'
			}
		]);
	});
});
