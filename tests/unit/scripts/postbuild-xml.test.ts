import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkXml } from '../../../scripts/postbuild';

const site = (rss: string | Buffer) => {
	const dir = mkdtempSync(join(tmpdir(), 'xml-'));
	writeFileSync(join(dir, 'rss.xml'), rss);
	return dir;
};
const item = (slug: string, title: string) =>
	`<item><title>${title}</title><link>https://example.org/posts/${slug}/</link></item>`;
const rss = (...items: string[]) =>
	`<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n${items.join('\n')}\n</channel></rss>\n`;

// Finding 12 of issue 21: the build's XML check passed a feed with a control character, which every reader refuses.
describe('checkXml', () => {
	it('accepts a well-formed feed', () => {
		expect(checkXml(site(rss(item('a', 'Tiến trình'), item('b', 'C1 \u0085 is allowed'))))).toEqual([]);
	});

	it('refuses a character outside XML 1.0, naming where it is and the post', () => {
		const dir = site(rss(item('a', 'Tốt'), item('chuong', 'Chu\u0007ông'), item('c', 'Sau')));
		expect(checkXml(dir, { chuong: 'posts/chuong.md' })).toEqual([
			'rss.xml is not well-formed XML (character U+0007 at line 4, column 17), near the entry of posts/chuong.md'
		]);
	});

	it('names the post of the entry the character is in, when its title comes before its link', () => {
		const entry = (slug: string, title: string) =>
			`<item>\n<title>${title}</title>\n<link>https://example.org/posts/${slug}/</link>\n</item>`;
		const dir = site(rss(entry('a', 'Tốt'), entry('b', 'Chu\u001bông')));
		expect(checkXml(dir, { b: 'posts/b.md' })).toEqual([
			'rss.xml is not well-formed XML (character U+001B at line 8, column 11), near the entry of posts/b.md'
		]);
	});

	it('refuses bytes that are not UTF-8', () => {
		const text = Buffer.from(rss(item('a', 'Tốt'), item('b', 'XX')));
		const at = text.indexOf('XX');
		text[at] = 0xff;
		expect(checkXml(site(text))).toEqual([
			'rss.xml is not well-formed XML (bytes that are not UTF-8), near the entry of /posts/b/'
		]);
	});

	it('still refuses a broken structure, naming the post', () => {
		expect(checkXml(site(rss(item('a', 'Tốt'), item('b', 'A & B'))))[0]).toMatch(
			/^rss\.xml is not well-formed XML \(.*\), near the entry of \/posts\/b\/$/
		);
	});
});
