/** Issue 21, findings 4 and 5: what beside a post is published, and how (SVG cleaned, documents never). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveLink, type LinkContext } from '../../../src/lib/content/links';
import { publishFile } from '../../../src/lib/content/media';

const work = mkdtempSync(join(tmpdir(), 'media-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const posts = join(work, 'posts');
const outside = join(work, 'outside');
mkdirSync(join(posts, 'hinh'), { recursive: true });
mkdirSync(outside);
const HOSTILE_SVG =
	'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script><rect width="9" height="9"/></svg>';
writeFileSync(join(posts, 'bai.md'), '# Bài');
writeFileSync(join(posts, 'hinh/so-do.svg'), HOSTILE_SVG);
writeFileSync(join(posts, 'hinh/hong.svg'), '<html><body>not a drawing</body></html>');
writeFileSync(join(posts, 'du-lieu.xml'), '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>');
writeFileSync(join(posts, 'trang.html'), '<script>alert(1)</script>');
writeFileSync(join(posts, 'trang.XHTML'), '<html/>');
writeFileSync(join(posts, 'kieu.xsl'), '<xsl:stylesheet/>');
writeFileSync(join(posts, 'ghi-chu.txt'), HOSTILE_SVG);
writeFileSync(join(outside, 'secret.png'), 'secret');
mkdirSync(join(outside, 'folder.png'));
symlinkSync(join(posts, 'ghi-chu.txt'), join(posts, 'ten-khac.svg'));
symlinkSync(join(posts, 'trang.html'), join(posts, 'trang.txt'));
symlinkSync(join(posts, 'ghi-chu.txt'), join(posts, 'doi-ten.html'));
symlinkSync(join(posts, 'hinh'), join(posts, 'anh'));
symlinkSync(outside, join(posts, 'ra-ngoai'));
symlinkSync(join(outside, 'folder.png'), join(posts, 'thu-muc.png'));
mkdirSync(join(posts, 'that-thu-muc.png'));

const ctx: LinkContext = {
	postAbs: join(posts, 'bai.md'),
	postsDir: posts,
	staticDir: join(work, 'static'),
	slugs: new Set(['bai'])
};
const refused = (url: string) => {
	const t = resolveLink(url, ctx);
	if (t.kind !== 'file') throw new Error(`${url} is ${t.kind}`);
	return t.exists ? (t.refused ?? null) : 'missing';
};
const DOCUMENT =
	'it is an HTML or XML document, which would open as a page of the site and could run script there (share its text as a code block in the post, or as a .txt file)';

describe('files beside a post', () => {
	it('publishes an SVG that reads as a drawing (cleaned when copied), and not one that does not', () => {
		expect(refused('hinh/so-do.svg')).toBeNull();
		expect(refused('hinh/hong.svg')).toBe(
			'it is not an SVG drawing the site can publish safely (it does not read as one <svg> drawing)'
		);
	});

	it('never publishes an XML, HTML, XHTML or XSL document, by its own name or by the name a link gives it', () => {
		for (const url of ['du-lieu.xml', 'trang.html', 'trang.XHTML', 'kieu.xsl', 'trang.txt', 'doi-ten.html'])
			expect(refused(url), url).toBe(DOCUMENT);
		expect(refused('ghi-chu.txt')).toBeNull();
	});

	it('follows a link to a folder inside the posts folder, and none that leads out, without failing on folders', () => {
		expect(refused('anh/so-do.svg')).toBeNull();
		expect(refused('ra-ngoai/secret.png')).toBe('it is a link that leads out of the posts folder');
		expect(refused('thu-muc.png')).toBe('it is a link that leads out of the posts folder');
		expect(refused('that-thu-muc.png')).toBe('it is not a file');
	});
});

describe('publishFile', () => {
	const site = join(work, 'site');

	it('writes an SVG cleaned, and names what it removed', () => {
		const r = publishFile(join(posts, 'hinh/so-do.svg'), join(site, 'media/hinh/so-do.svg'), 'posts/hinh/so-do.svg');
		expect(r.published).toBe(true);
		expect(readFileSync(join(site, 'media/hinh/so-do.svg'), 'utf8')).toBe(
			'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" /></svg>'
		);
		expect(r.problem).toMatchObject({
			severity: 'warning',
			file: 'posts/hinh/so-do.svg',
			message:
				'expected an SVG drawing with nothing that runs or loads, saw onLoad on <svg>, <script>; it is published without them'
		});
	});

	it('cleans a file published under an .svg name whatever it really is', () => {
		const r = publishFile(join(posts, 'ten-khac.svg'), join(site, 'media/ten-khac.svg'));
		expect(r.published).toBe(true);
		expect(readFileSync(join(site, 'media/ten-khac.svg'), 'utf8')).not.toMatch(/script|onload/);
	});

	it('writes no document and no SVG it cannot read', () => {
		expect(publishFile(join(posts, 'du-lieu.xml'), join(site, 'media/du-lieu.xml')).published).toBe(false);
		expect(publishFile(join(posts, 'ghi-chu.txt'), join(site, 'media/trang.html')).published).toBe(false);
		const hong = publishFile(join(posts, 'hinh/hong.svg'), join(site, 'media/hinh/hong.svg'), 'posts/hinh/hong.svg');
		expect(hong.published).toBe(false);
		expect(hong.problem?.message).toBe(
			'expected an SVG drawing, saw a file that does not read as one <svg> drawing; it is not published'
		);
		for (const f of ['du-lieu.xml', 'trang.html', 'hinh/hong.svg'])
			expect(existsSync(join(site, 'media', f))).toBe(false);
	});

	it('copies any other file as it is', () => {
		expect(publishFile(join(posts, 'ghi-chu.txt'), join(site, 'media/ghi-chu.txt'))).toEqual({ published: true });
		expect(readFileSync(join(site, 'media/ghi-chu.txt'), 'utf8')).toBe(HOSTILE_SVG);
	});
});
