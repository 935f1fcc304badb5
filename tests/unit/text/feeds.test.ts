import { describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { firstNonXmlChar } from '../../../src/lib/text/control';
import { rssXml, sitemapXml, type FeedPost } from '../../../src/lib/text/feeds';

const site = {
	title: 'Ghi chép\u0007',
	description: 'Môn học',
	author: 'Lớp',
	siteUrl: 'https://example.org',
	base: '',
	lang: 'vi'
};

// Finding 12 of issue 21: a control character in a title or excerpt made rss.xml unreadable for every reader.
const post: FeedPost = {
	slug: 'chuong',
	title: 'Chu\u0007ông \u001b[31mbáo',
	excerpt: 'Tóm\u0000 tắt\u000c\uFFFF',
	date: '2025-05-11',
	updated: null,
	author: 'Nhóm\u0001 3',
	categories: [{ name: 'Mạng\u000b', slug: 'mang' }]
};

describe('rssXml', () => {
	it('drops characters XML 1.0 forbids from every text, so the feed stays readable', () => {
		const xml = rssXml(site, [post]);
		expect(firstNonXmlChar(xml)).toBeUndefined();
		expect(() => xml2js(xml)).not.toThrow();
		expect(xml).toContain('Chuông [31mbáo');
		expect(xml).toContain('Tóm tắt');
		expect(xml).toContain('Mạng');
	});

	it('dates a post of 2025 in 2025', () => {
		expect(rssXml(site, [post])).toContain('Sun, 11 May 2025 00:00:00 GMT');
	});
});

describe('sitemapXml', () => {
	it('keeps control characters out of the sitemap too', () => {
		const xml = sitemapXml(site, [post], [{ slug: 'mang' }], 1, ['/x\u0007/']);
		expect(firstNonXmlChar(xml)).toBeUndefined();
		expect(xml).toContain('<loc>https://example.org/x/</loc>');
	});
});
