/** Issue 25, point 4: every "not found" names the nearest real thing (post file, heading id, a file's letter case). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPost, type SiteFacts } from '../../../src/lib/content/check';
import { onDisk } from '../../../src/lib/content/disk';
import { formatProblem } from '../../../src/lib/content/problems';
import type { Reference } from '../../../src/lib/content/render/run';
import { editDistance, nearest, suggestHeading } from '../../../src/lib/content/suggest';

const DIR = resolve('tests/fixtures/hints');

const site = (extra: Partial<SiteFacts> = {}): SiteFacts => ({
	ids: new Map([
		['dong-bo-hoa-dong-ho', new Set(['1-gioi-thieu', '2-thuat-toan-cristian'])],
		['lien-ket', new Set(['ket-luan'])]
	]),
	files: new Map([
		['dong-bo-hoa-dong-ho', 'posts/dong-bo-hoa-dong-ho.md'],
		['lien-ket', 'posts/lien-ket.md']
	]),
	...extra
});
const check = (references: Reference[], facts = site()) =>
	checkPost({ file: 'posts/lien-ket.md', slug: 'lien-ket', references }, facts).problems.map(formatProblem);
const link = (url: string, target: Reference['target'], line = 6): Reference => ({ url, line, kind: 'link', target });

describe('suggestions', () => {
	it('measures edit distance, stopping early past a limit', () => {
		expect(editDistance('cristain', 'cristian')).toBe(2);
		expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
	});

	it('finds the nearest name within a third of its length, else nothing', () => {
		expect(nearest('dong-bo-hoa-dong', ['gioi-thieu', 'dong-bo-hoa-dong-ho'])).toBe('dong-bo-hoa-dong-ho');
		expect(nearest('rpc', ['dong-bo-hoa-dong-ho'])).toBeUndefined();
	});

	it('finds a numbered heading from its words, and the reverse', () => {
		const ids = ['1-gioi-thieu', '2-thuat-toan-cristian'];
		expect(suggestHeading('thuat-toan-cristian', ids)).toBe('2-thuat-toan-cristian');
		expect(suggestHeading('3-thuat-toan-cristian', ids)).toBe('2-thuat-toan-cristian');
		expect(suggestHeading('thuat-toan-cristain', ids)).toBe('2-thuat-toan-cristian');
		expect(suggestHeading('ket-luan', ids)).toBeUndefined();
	});
});

describe('checkPost hints', () => {
	it('suggests the post a misspelled link meant', () => {
		expect(
			check([link('./dong-bo-hoa-dong.md', { kind: 'post', slug: 'dong-bo-hoa-dong', hash: '', exists: false })])
		).toEqual([
			'posts/lien-ket.md:6 link: expected a post at ./dong-bo-hoa-dong.md, saw no such post; did you mean ./dong-bo-hoa-dong-ho.md?'
		]);
	});

	it('suggests the numbered id of a heading in another post and in this one', () => {
		expect(
			check([
				link('./dong-bo-hoa-dong-ho.md#thuat-toan-cristian', {
					kind: 'post',
					slug: 'dong-bo-hoa-dong-ho',
					hash: 'thuat-toan-cristian',
					exists: true
				}),
				link('#ket-lun', { kind: 'other' }, 8)
			])
		).toEqual([
			'posts/lien-ket.md:6 link: expected a heading "#thuat-toan-cristian" in posts/dong-bo-hoa-dong-ho.md, saw none; did you mean ./dong-bo-hoa-dong-ho.md#2-thuat-toan-cristian?',
			'posts/lien-ket.md:8 link: expected a heading with id "ket-lun" in this post, saw none; did you mean #ket-luan?'
		]);
	});

	it('tells a link to a post with errors, or to a draft, what that post is (not "no such post")', () => {
		const unpublished = new Map([
			['yaml-tab', { file: 'posts/yaml-tab.md', why: 'errors' as const }],
			['nhap', { file: 'posts/nhap.md', why: 'draft' as const }]
		]);
		const lines = check(
			[
				link('./yaml-tab.md', { kind: 'post', slug: 'yaml-tab', hash: '', exists: false }),
				link('./nhap.md', { kind: 'post', slug: 'nhap', hash: '', exists: false })
			],
			site({ unpublished })
		);
		expect(lines).toEqual([
			'posts/lien-ket.md:6 link: expected a post at ./yaml-tab.md that the site can publish, saw posts/yaml-tab.md, which has errors and is left out; fix the errors reported for posts/yaml-tab.md; the link works once that post is published',
			'posts/lien-ket.md:6 link: expected a published post at ./nhap.md, saw posts/nhap.md, which is a draft; the link is not published; publish posts/nhap.md (remove its draft: true or published: false) or remove the link'
		]);
	});

	it('makes a picture written in another letter case an error on every system, and does not publish it', () => {
		const abs = resolve(DIR, 'hinh/Dong-Ho.GIF');
		// On Linux the file is missing; on Windows and macOS it exists. Both get the same error.
		for (const exists of [false, true]) {
			const result = checkPost(
				{
					file: 'posts/lien-ket.md',
					slug: 'lien-ket',
					references: [
						{
							url: 'hinh/Dong-Ho.GIF',
							line: 10,
							kind: 'image',
							target: { kind: 'file', abs, publicPath: '/media/hinh/Dong-Ho.GIF', exists }
						}
					]
				},
				site()
			);
			expect(result.problems).toHaveLength(1);
			expect(result.problems[0]).toMatchObject({ severity: 'error', scope: 'field', line: 10, field: 'image' });
			expect(formatProblem(result.problems[0])).toContain('saw hinh/dong-ho.gif on disk, which differs in letter case');
			expect(result.images).toEqual([]);
			expect(result.media.size).toBe(0);
			expect(result.missing).toEqual(['hinh/Dong-Ho.GIF']);
		}
	});

	it('suggests the nearest file name beside the post', () => {
		const abs = resolve(DIR, 'hinh/dong-h.gif');
		expect(
			check([
				{
					url: 'hinh/dong-h.gif',
					line: 10,
					kind: 'link',
					target: { kind: 'file', abs, publicPath: '/media/x', exists: false }
				}
			])
		).toEqual([
			'posts/lien-ket.md:10 link: expected a file at hinh/dong-h.gif (next to the post), saw none; did you mean hinh/dong-ho.gif?'
		]);
	});

	it('reads a path part by part as Linux does', () => {
		expect(onDisk(resolve(DIR, 'hinh/dong-ho.gif'))).toEqual({ kind: 'exact' });
		expect(onDisk(resolve(DIR, 'HINH/dong-ho.gif'))).toEqual({
			kind: 'case',
			actual: resolve(DIR, 'hinh/dong-ho.gif')
		});
		expect(onDisk(resolve(DIR, 'hinh/khong-co-gi-ca.gif'))).toEqual({ kind: 'missing', nearest: undefined });
	});
});
