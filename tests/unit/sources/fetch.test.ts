import { existsSync, lstatSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/problems';
import { parseClassFile, type Student } from '../../../src/lib/sources/class-file';
import { fetchSource, fetchSources } from '../../../src/lib/sources/fetch';
import { listFolder } from '../../../src/lib/sources/layout';
import { commitFiles, gitIn, makeRepo, post, tempDir, writeFiles } from './repos';

const SAMPLES = resolve('tests/fixtures/sources/starter-samples');
const sample = (name: string) => readFileSync(join(SAMPLES, `${name}.md`), 'utf8');

/** A class of local sources under `dir`, parsed as the class file would be. */
function classOf(dir: string, entries: [name: string, repo: string, extra?: string][]): Student[] {
	const yaml = `students:\n${entries.map(([name, repo, extra]) => `  - name: ${name}\n    repo: ${JSON.stringify(repo)}\n${extra ?? ''}`).join('')}`;
	const file = parseClassFile(yaml, join(dir, 'lop.yaml'), dir);
	expect(file.problems).toEqual([]);
	return file.students;
}

const rel = (root: string, paths: string[]) => paths.map((p) => p.slice(root.length + 1));

describe('fetching the sources of a class', () => {
	it('reads one source in each layout: this project, the starter, a plain folder, a bundle', async () => {
		const dir = tempDir();
		makeRepo(join(dir, 'an'), {
			'posts/rpc.md': post('RPC'),
			'posts/hinh/so-do.png': 'png',
			'static/images/a.png': 'a'
		});
		makeRepo(join(dir, 'binh'), {
			'src/lib/posts/bai-1.md': post('Bài 1', '![x](/images/x.png)'),
			'static/images/x.png': 'x',
			'src/routes/about/+page.md': '# about',
			'src/routes/+page.svelte': '<h1>hi</h1>',
			'package.json': '{}'
		});
		writeFiles(join(dir, 'chi'), {
			'tuan-1.md': post('Tuần 1'),
			'tuan-2/bai.md': post('Tuần 2'),
			'tuan-2/hinh.png': 'h'
		});
		makeRepo(join(dir, 'dung-src'), { 'src/lib/posts/dung.md': post('Dũng') });
		gitIn(join(dir, 'dung-src'), ['bundle', 'create', '--quiet', join(dir, 'dung.bundle'), '--all']);
		const students = classOf(dir, [
			['An', './an'],
			['Bình', './binh'],
			['Chi', './chi'],
			['Dũng', './dung.bundle']
		]);
		const cacheDir = join(dir, 'cache');
		const [an, binh, chi, dung] = await fetchSources(students, { cacheDir });
		expect(an).toMatchObject({ status: 'fetched', branch: 'main', layout: { kind: 'project' } });
		expect(rel(an.layout!.root, an.layout!.posts)).toEqual(['posts/rpc.md']);
		expect(existsSync(join(an.layout!.root, 'posts/hinh/so-do.png'))).toBe(true);
		expect(binh.layout).toMatchObject({ kind: 'starter', staticDir: join(cacheDir, 'binh/tree/static') });
		expect(rel(binh.layout!.root, binh.layout!.posts)).toEqual(['src/lib/posts/bai-1.md']);
		expect(readFileSync(join(binh.layout!.staticDir!, 'images/x.png'), 'utf8')).toBe('x');
		expect(binh.layout!.leftOut).toEqual({ 'route-page': 1 });
		// code of the fork is never materialised
		expect(existsSync(join(binh.layout!.root, 'src/routes/+page.svelte'))).toBe(false);
		expect(chi).toMatchObject({ status: 'fetched', layout: { kind: 'folder' } });
		expect(chi.commit).toBeUndefined();
		expect(rel(chi.layout!.root, chi.layout!.posts)).toEqual(['tuan-1.md', 'tuan-2/bai.md']);
		expect(existsSync(join(chi.layout!.root, 'tuan-2/hinh.png'))).toBe(true);
		expect(dung).toMatchObject({ status: 'fetched', layout: { kind: 'starter' } });
		expect(dung.layout!.posts).toHaveLength(1);
		// materialised read-only
		expect(statSync(an.layout!.posts[0]).mode & 0o222).toBe(0);
		expect(an.newPosts).toEqual(['posts/rpc.md']);
	});

	it("leaves out the starter's sample posts by content, renamed or not, and keeps a post written under a sample's name", async () => {
		const dir = tempDir();
		makeRepo(join(dir, 'an'), {
			'src/lib/posts/blog-1.md': sample('heading-links-example').replace(/^title: .*$/m, 'title: "Blog 1"'),
			'src/lib/posts/mau.md': sample('mdsvex-component-example'),
			'src/lib/posts/syntax-highlighting-example.md': post('Buổi 2 – đa luồng', 'Bài của em về đa luồng.'),
			'src/lib/posts/bai-that.md': post('Bài thật')
		});
		const [an] = await fetchSources(classOf(dir, [['An', './an']]), { cacheDir: join(dir, 'cache') });
		expect(rel(an.layout!.root, an.layout!.posts)).toEqual([
			'src/lib/posts/bai-that.md',
			'src/lib/posts/syntax-highlighting-example.md'
		]);
		expect(an.layout!.leftOut).toEqual({ sample: 2 });
	});

	it('names a source that cannot be fetched and leaves it out; the other students are fetched', async () => {
		const dir = tempDir();
		makeRepo(join(dir, 'an'), { 'posts/a.md': post('A') });
		const students = classOf(dir, [
			['An', './an'],
			['Bình', './khong-co']
		]);
		const [an, binh] = await fetchSources(students, { cacheDir: join(dir, 'cache') });
		expect(an.status).toBe('fetched');
		expect(binh.status).toBe('failed');
		expect(binh.layout).toBeUndefined();
		expect(binh.problems.map(formatProblem)).toEqual([
			expect.stringMatching(
				/^lop\.yaml:5 repo: Bình: expected a repository the build can fetch, saw no file or folder at that path at "\.\/khong-co"; left out \(never fetched\); check the path/
			)
		]);
		expect(binh.problems[0].severity).toBe('warning');
	});

	it('uses the last fetched copy when a source that was fetched before fails', async () => {
		const dir = tempDir();
		makeRepo(join(dir, 'an'), { 'posts/a.md': post('A') });
		const students = classOf(dir, [['An', './an']]);
		const cacheDir = join(dir, 'cache');
		await fetchSources(students, { cacheDir });
		rmSync(join(dir, 'an'), { recursive: true, force: true });
		const [again] = await fetchSources(students, { cacheDir });
		expect(again.status).toBe('cached');
		expect(rel(again.layout!.root, again.layout!.posts)).toEqual(['posts/a.md']);
		expect(again.problems[0].message).toMatch(
			/^An: expected a repository the build can fetch, saw no file or folder at that path at "\.\/an"; using the copy fetched on \d{4}-\d\d-\d\d$/
		);
	});

	it('never writes a symlink, never follows one out, and leaves a committed node_modules/ out, counted', async () => {
		const dir = tempDir();
		writeFileSync(join(dir, 'secret.txt'), 'SECRET');
		makeRepo(join(dir, 'an'), {
			'src/lib/posts/bai.md': post('Bài'),
			'src/lib/posts/trom.md': { link: '../../../../secret.txt' },
			'static/images/x.png': { link: '/etc/passwd' },
			'node_modules/left-pad/README.md': '# left-pad',
			'node_modules/left-pad/index.js': 'module.exports = 1',
			'node_modules/left-pad/package.json': '{}'
		});
		const folder = join(dir, 'binh');
		writeFiles(folder, {
			'bai.md': post('Bài'),
			'trom.md': { link: join(dir, 'secret.txt') },
			'node_modules/x/README.md': '# x'
		});
		const [an, binh] = await fetchSources(
			classOf(dir, [
				['An', './an'],
				['Bình', './binh']
			]),
			{ cacheDir: join(dir, 'cache') }
		);
		for (const result of [an, binh]) {
			const { files, links } = listFolder(result.layout!.root);
			expect(links).toEqual([]);
			for (const file of files) expect(readFileSync(join(result.layout!.root, file), 'utf8')).not.toContain('SECRET');
			expect(result.layout!.posts.map((p) => p.split('/').pop())).toEqual(['bai.md']);
		}
		expect(an.layout!.leftOut).toEqual({ node_modules: 3, symlink: 2 });
		expect(binh.layout!.leftOut).toEqual({ node_modules: 1, symlink: 1 });
		expect(an.problems.map(formatProblem)).toEqual([
			expect.stringMatching(
				/^an\/src\/lib\/posts\/trom\.md file: An: expected a file within the limits, saw a symbolic link .*; left out; commit the file itself/
			),
			expect.stringMatching(/^an\/static\/images\/x\.png file: An: .*symbolic link/)
		]);
	});

	it("keeps two students' posts and pictures of the same names apart", async () => {
		const dir = tempDir();
		for (const who of ['an', 'binh'])
			makeRepo(join(dir, who), {
				'src/lib/posts/bai-1.md': post(`Bài của ${who}`),
				'static/images/x.png': `png of ${who}`
			});
		const [an, binh] = await fetchSources(
			classOf(dir, [
				['An', './an'],
				['Bình', './binh']
			]),
			{ cacheDir: join(dir, 'cache') }
		);
		expect(an.layout!.root).not.toBe(binh.layout!.root);
		expect(readFileSync(join(an.layout!.staticDir!, 'images/x.png'), 'utf8')).toBe('png of an');
		expect(readFileSync(join(binh.layout!.staticDir!, 'images/x.png'), 'utf8')).toBe('png of binh');
		expect(readFileSync(an.layout!.posts[0], 'utf8')).toContain('Bài của an');
		expect(readFileSync(binh.layout!.posts[0], 'utf8')).toContain('Bài của binh');
	});

	it('never runs a hook of the source, on the first fetch or later ones', async () => {
		const dir = tempDir();
		const repo = makeRepo(join(dir, 'an'), { 'posts/a.md': post('A') });
		const marker = join(dir, 'HOOK-RAN');
		for (const hook of ['post-checkout', 'post-merge', 'pre-upload-pack', 'post-update', 'reference-transaction']) {
			writeFileSync(join(repo, '.git/hooks', hook), `#!/bin/sh\necho ran > '${marker}'\n`, { mode: 0o755 });
		}
		// a committed hooks folder and attributes asking for a filter the build does not have
		commitFiles(repo, {
			'.githooks/post-checkout': `#!/bin/sh\necho ran > '${marker}'\n`,
			'.gitattributes': '*.md filter=evil\n'
		});
		const students = classOf(dir, [['An', './an']]);
		const cacheDir = join(dir, 'cache');
		await fetchSources(students, { cacheDir });
		commitFiles(repo, { 'posts/b.md': post('B') }, 'second', '2025-05-02T10:00:00+07:00');
		const [second] = await fetchSources(students, { cacheDir });
		expect(second.status).toBe('fetched');
		expect(existsSync(marker)).toBe(false);
	});

	it('refuses a hostile address even when it bypasses the class file: git never reads it as an option', async () => {
		const dir = tempDir();
		const marker = join(dir, 'PWNED');
		const student: Student = {
			name: 'X',
			slug: 'x',
			repo: `--upload-pack=touch ${marker}`,
			kind: 'ssh',
			line: 2,
			lines: { repo: 3 }
		};
		const result = await fetchSource(student, { cacheDir: join(dir, 'cache') });
		expect(result.status).toBe('failed');
		expect(existsSync(marker)).toBe(false);
		const ext = await fetchSource(
			{ ...student, repo: `ext::sh -c touch% ${marker}` },
			{ cacheDir: join(dir, 'cache') }
		);
		expect(ext.status).toBe('failed');
		expect(existsSync(marker)).toBe(false);
	});

	it('says what is new since the last fetch, and does nothing for an unchanged source', async () => {
		const dir = tempDir();
		const repo = makeRepo(join(dir, 'an'), { 'posts/a.md': post('A') });
		const students = classOf(dir, [['An', './an']]);
		const cacheDir = join(dir, 'cache');
		await fetchSources(students, { cacheDir });
		const [unchanged] = await fetchSources(students, { cacheDir });
		expect(unchanged).toMatchObject({ status: 'unchanged', newPosts: [] });
		commitFiles(repo, { 'posts/b.md': post('B') }, 'second', '2025-05-02T10:00:00+07:00');
		const [changed] = await fetchSources(students, { cacheDir });
		expect(changed).toMatchObject({ status: 'fetched', newPosts: ['posts/b.md'] });
		expect(rel(changed.layout!.root, changed.layout!.posts)).toEqual(['posts/a.md', 'posts/b.md']);
	});

	it('takes the branch that holds the posts when the default one has none, and says so; a named branch must exist', async () => {
		const dir = tempDir();
		const repo = makeRepo(join(dir, 'an'), { 'src/lib/posts/a.md': post('A') }, 'master');
		gitIn(repo, ['checkout', '--quiet', '--orphan', 'main']);
		gitIn(repo, ['rm', '-r', '--quiet', '--cached', '.']);
		rmSync(join(repo, 'src'), { recursive: true });
		commitFiles(repo, { 'README.md': '# blog' }, 'readme');
		makeRepo(join(dir, 'binh'), { 'posts/a.md': post('A') });
		const [an, binh] = await fetchSources(
			classOf(dir, [
				['An', './an'],
				['Bình', './binh', '    branch: nhap\n']
			]),
			{ cacheDir: join(dir, 'cache') }
		);
		expect(an).toMatchObject({ status: 'fetched', branch: 'master' });
		expect(an.layout!.posts).toHaveLength(1);
		expect(an.problems.map(formatProblem)).toEqual([
			'lop.yaml:2 branch: An: expected posts on the default branch "main", saw none there and 1 on "master"; using "master"; add "branch: master" to this student in the class file to say so'
		]);
		expect(binh.status).toBe('failed');
		expect(binh.problems[0].message).toMatch(/saw no branch "nhap" \(its branches: main\)/);
	});

	it('bounds what it writes: bytes per file, files per source', async () => {
		const dir = tempDir();
		makeRepo(join(dir, 'an'), {
			'posts/a.md': post('A'),
			'posts/b.md': post('B'),
			'posts/c.md': post('C'),
			'static/big.png': Buffer.alloc(5000)
		});
		const [an] = await fetchSources(classOf(dir, [['An', './an']]), {
			cacheDir: join(dir, 'cache'),
			maxFileBytes: 4000,
			maxFiles: 2
		});
		expect(an.layout!.posts).toHaveLength(2);
		expect(an.layout!.leftOut).toEqual({ 'too-many-files': 2 });
		const [binh] = await fetchSources(classOf(dir, [['Bình', './an']]), {
			cacheDir: join(dir, 'cache2'),
			maxFileBytes: 4000
		});
		expect(binh.layout!.leftOut).toEqual({ 'too-large': 1 });
		expect(binh.problems[0].message).toMatch(/saw a file over the size limit \(5000 bytes\); left out/);
		expect(lstatSync(join(binh.layout!.root, 'posts/a.md')).isFile()).toBe(true);
	});

	it('makes a partial clone of a remote source and fetches only the blobs it writes, in one request', async () => {
		const dir = tempDir();
		const repo = makeRepo(join(dir, 'an'), {
			'src/lib/posts/a.md': post('A'),
			'static/images/x.png': 'x',
			'src/app.html': '<html></html>'
		});
		commitFiles(repo, { 'src/lib/posts/b.md': post('B') }, 'second', '2025-05-02T10:00:00+07:00');
		gitIn(repo, ['config', 'uploadpack.allowFilter', 'true']);
		gitIn(repo, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
		// a remote address as git sees it; the class file itself takes only https, ssh and git ones
		const student: Student = { name: 'An', slug: 'an', repo: `file://${repo}`, kind: 'git', line: 2, lines: {} };
		const cacheDir = join(dir, 'cache');
		const result = await fetchSource(student, { cacheDir });
		expect(result.status).toBe('fetched');
		expect(rel(result.layout!.root, result.layout!.posts)).toEqual(['src/lib/posts/a.md', 'src/lib/posts/b.md']);
		const clone = join(cacheDir, 'an/repo');
		expect(gitIn(clone, ['config', '--get', 'remote.origin.partialclonefilter']).trim()).toBe('blob:none');
		// the history is whole (dates come from it later), the blobs not written are still missing
		expect(gitIn(clone, ['rev-list', '--count', 'HEAD']).trim()).toBe('2');
		const missing = gitIn(clone, ['rev-list', '--objects', '--missing=print', '--no-walk', 'origin/main'])
			.split('\n')
			.filter((line) => line.startsWith('?'));
		expect(missing).toHaveLength(1);
	});
});
