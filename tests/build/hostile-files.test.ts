/**
 * Issue 21, findings 4, 5 and 6b: files the site publishes as documents of its origin. Beside a post (the hostile
 * site, tests/fixtures/hostile/tep-dinh-kem.md and its folder): an SVG with script, published cleaned; an XML and an HTML file, never
 * published; an SVG saved as .png, named and never given to sharp. In static/ (a copy of the project, since links
 * cannot be committed): links that lead out of it are left out and named, and the build does not stop.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { xml2js } from 'xml-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeSvg } from '../../src/lib/content/svg';
import { listFiles } from '../helpers/html';
import { copyProject } from '../helpers/project-copy';
import { read, site } from '../helpers/sites';

const POST = '.artifacts/hostile-posts/tep-dinh-kem.md';

describe('files beside a hostile post', () => {
	const s = site('hostile');
	const files = listFiles(s.dir);

	it('publishes the post', () => {
		expect(s.code, s.output.slice(-3000)).toBe(0);
		expect(files).toContain('posts/tep-dinh-kem/index.html');
	});

	it('publishes the SVG it links to without script, handlers, foreignObject or references elsewhere, and says so', () => {
		expect(files).toContain('media/tep-dinh-kem/so-do.svg');
		const svg = read(s, 'media/tep-dinh-kem/so-do.svg');
		expect(svg).not.toMatch(/script|onload|foreignObject|iframe|evil\.example|javascript:|@import/i);
		// Kept: the drawing, its gradient and the reference to its own rectangle.
		expect(svg).toContain('fill="url(#nen)"');
		expect(svg).toContain('<use xlink:href="#khach" x="200" />');
		expect(() => xml2js(svg)).not.toThrow();
		expect(s.output).toContain(
			'⚠ .artifacts/hostile-posts/tep-dinh-kem/so-do.svg file: expected an SVG drawing with nothing that runs or loads, saw onLoad on <svg>, <script>, <style>, <foreignObject> and '
		);
		expect(s.output).toMatch(/so-do\.svg file: .*; it is published without them/);
	});

	it('publishes no XML or HTML document beside a post, and names each with the way to share it', () => {
		expect(files.filter((f) => f.startsWith('media/') && /\.(xml|html?)$/.test(f))).toEqual([]);
		for (const [line, name] of [
			[8, 'du-lieu.xml'],
			[10, 'trang.html']
		])
			expect(s.output).toContain(
				`⚠ ${POST}:${line} link: expected a file to publish at tep-dinh-kem/${name}, saw one that is not published: it is an HTML or XML document, which would open as a page of the site and could run script there (share its text as a code block in the post, or as a .txt file)`
			);
		// The only XML documents of the site are its own.
		expect(files.filter((f) => f.endsWith('.xml'))).toEqual(['rss.xml', 'sitemap.xml']);
	});

	it('names an SVG saved as .png and publishes it unencoded, without sharp drawing it', () => {
		expect(s.output).toContain(
			`⚠ ${POST}:12 image: expected a picture the site can resize, saw anh-chup.png: its bytes are an SVG drawing, not a PNG as its name says; it is published as it is`
		);
		expect(files.filter((f) => f.startsWith('_img/') && f.includes('anh-chup'))).toEqual([]);
		const page = read(s, 'posts/tep-dinh-kem/index.html');
		expect(page).not.toMatch(/anh-chup-\d+\.(avif|webp)/);
	});

	it('publishes every SVG of the site cleaned, static/ included (kit.files.assets is the staged copy)', () => {
		const svgs = files.filter((f) => f.endsWith('.svg'));
		expect(svgs).toContain('favicon.svg');
		for (const f of svgs) {
			const text = read(s, f);
			expect(text, f).not.toMatch(/<script|\son[a-z]+=|foreignObject/i);
			if (!f.startsWith('media/')) {
				const own = sanitizeSvg(readFileSync(join('static', f)));
				expect(own.ok && own.svg, f).toBe(text);
			}
		}
	});
});

describe('links in static/ (a copy of the project with links added)', () => {
	const CANARY = 'canary-static-5e1d-token-cua-ci';
	let project: { dir: string; remove: () => void };
	let outside: string;
	let output = '';
	let code = 1;

	beforeAll(async () => {
		const posts = mkdtempSync(join(tmpdir(), 'posts-'));
		cpSync(resolve('tests/fixtures/hostile/hop-le.md'), join(posts, 'hop-le.md'));
		project = copyProject('static-links', posts);
		rmSync(posts, { recursive: true, force: true });
		const dir = project.dir;
		// What CI has beside static/: .git/config with the checkout token.
		mkdirSync(join(dir, '.git'));
		writeFileSync(join(dir, '.git/config'), `[http]\n\textraheader = AUTHORIZATION: basic ${CANARY}\n`);
		outside = mkdtempSync(join(tmpdir(), 'outside-'));
		writeFileSync(join(outside, 'secret.txt'), CANARY);
		symlinkSync('/etc/passwd', join(dir, 'static/passwd.txt'));
		symlinkSync(join(dir, '.git/config'), join(dir, 'static/images/config.png'));
		symlinkSync(outside, join(dir, 'static/ngoai'));
		symlinkSync(join(dir, 'static/favicon.svg'), join(dir, 'static/logo.svg'));
		const { NODE_ENV: _testEnv, ...inherited } = process.env;
		const child = spawn('npm', ['run', 'build'], {
			cwd: dir,
			env: { ...inherited, POSTS_DIR: '', BUILD_DIR: '', BASE_PATH: '', CONTENT_ERRORS: '', FORCE_COLOR: '0' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const chunks: Buffer[] = [];
		child.stdout.on('data', (c: Buffer) => chunks.push(c));
		child.stderr.on('data', (c: Buffer) => chunks.push(c));
		code = await new Promise<number>((done) => child.once('close', (c) => done(c ?? 1)));
		output = Buffer.concat(chunks).toString('utf8');
	}, 300_000);

	afterAll(() => {
		project?.remove();
		if (outside) rmSync(outside, { recursive: true, force: true });
	});

	it('builds, and names each link that leads out of static/ with its path and why', () => {
		expect(code, output.slice(-3000)).toBe(0);
		expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
		for (const [link, to] of [
			['passwd.txt', '/etc/passwd'],
			['images/config.png', join(project.dir, '.git/config')],
			['ngoai', outside]
		])
			expect(output).toContain(
				`⚠ static/${link} file: expected a file inside static/, saw a link that leads out of it (to ${to}); it is not published`
			);
	});

	it('publishes none of them, and a link inside static/ as a copy', () => {
		const built = join(project.dir, 'build');
		const files = listFiles(built);
		expect(files).not.toContain('passwd.txt');
		expect(files).not.toContain('images/config.png');
		expect(files.filter((f) => f.startsWith('ngoai'))).toEqual([]);
		expect(files).toContain('logo.svg');
		for (const f of files) {
			const bytes = readFileSync(join(built, f));
			expect(bytes.includes(CANARY), f).toBe(false);
			expect(bytes.includes('root:x:0:0'), f).toBe(false);
		}
	});
});
