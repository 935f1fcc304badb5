import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { disguise, processImages, sniffFormat, svgSize, type ImageJob } from '../../../src/lib/content/images';

const FIXTURES = resolve('tests/fixtures/images/hinh');
const work = mkdtempSync(join(tmpdir(), 'images-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const job = (name: string, cover = false): ImageJob => ({
	path: `/media/hinh/${name}`,
	abs: join(work, 'hinh', name),
	cover
});
cpSync(FIXTURES, join(work, 'hinh'), { recursive: true });
writeFileSync(join(work, 'hinh', 'hong.png'), 'not a png at all');

describe('the images stage', () => {
	const jobs = [
		job('man-hinh-terminal.png'),
		job('anh-chup-phong-may.jpg'),
		job('bia.png', true),
		job('kien-truc.svg'),
		job('dong-ho.gif'),
		job('hong.png')
	];
	const cache = join(work, 'cache');

	it('encodes local pictures into AVIF and WebP at widths up to their own, measured from the file', async () => {
		const r = await processImages(jobs, cache);
		expect(r.encoded).toBe(3);
		expect(r.cached).toBe(0);
		const shot = r.pictures.get('/media/hinh/man-hinh-terminal.png')!;
		expect([shot.width, shot.height]).toEqual([3200, 2000]);
		expect(shot.sources[0].type).toBe('image/avif');
		expect(shot.sources[0].srcset.map(([, w]) => w)).toEqual([480, 800, 1200, 1600]);
		expect(shot.srcset.map(([, w]) => w)).toEqual([480, 800, 1200, 1600]);
		// A 3 MB original is not the fallback: the widest WebP copy is.
		expect(shot.src).toMatch(/^\/_img\/[0-9a-f]{20}\/man-hinh-terminal-1600\.webp$/);
		const cover = r.pictures.get('/media/hinh/bia.png')!;
		expect([cover.width, cover.height]).toEqual([1200, 630]);
		// A cover gets a copy sized for listing thumbnails, and never a copy wider than itself.
		expect(cover.srcset.map(([, w]) => w)).toEqual([360, 480, 800, 1200]);
		for (const [path] of [...shot.srcset, ...cover.sources[0].srcset]) expect(r.files.has(path)).toBe(true);
		expect(r.bytesOut * 10).toBeLessThan(r.bytesIn);
	});

	it('passes SVG and GIF through with their real size', async () => {
		const r = await processImages(jobs, cache);
		expect(r.pictures.get('/media/hinh/kien-truc.svg')).toMatchObject({ width: 640, height: 320, sources: [] });
		expect(r.pictures.get('/media/hinh/dong-ho.gif')).toMatchObject({
			src: '/media/hinh/dong-ho.gif',
			width: 160,
			height: 90
		});
	});

	it('says which file it cannot read instead of failing', async () => {
		const r = await processImages(jobs, cache);
		expect(r.failed.get('/media/hinh/hong.png')).toBeTruthy();
		expect(r.pictures.has('/media/hinh/hong.png')).toBe(false);
	});

	it('encodes nothing when no picture changed, and again only the one that did', async () => {
		const again = await processImages(jobs, cache);
		expect([again.encoded, again.cached]).toEqual([0, 3]);
		cpSync(join(FIXTURES, 'bia.png'), join(work, 'hinh', 'bia-2.png'));
		const more = await processImages([...jobs, job('bia-2.png')], cache);
		// Same bytes, no cover: a new entry (without the thumbnail copy), nothing else encoded.
		expect([more.encoded, more.cached]).toEqual([1, 3]);
	});

	it('encodes again an entry whose files were lost, and prunes entries no post uses', async () => {
		const dirs = readdirSync(join(cache, 'images'));
		rmSync(join(cache, 'images', dirs[0]), { recursive: true });
		const r = await processImages(jobs.slice(0, 2), cache);
		expect(r.encoded + r.cached).toBe(2);
		expect(readdirSync(join(cache, 'images'))).toHaveLength(2);
	});

	it('only measures in a check', async () => {
		const r = await processImages([job('bia.png'), job('hong.png')], join(work, 'check-cache'), { encode: false });
		expect(r.encoded).toBe(0);
		expect(r.files.size).toBe(0);
		expect(r.failed.has('/media/hinh/hong.png')).toBe(true);
	});
});

describe('svgSize', () => {
	it('reads width and height, or the viewBox', () => {
		expect(svgSize('<svg width="640" height="320">')).toEqual({ width: 640, height: 320 });
		expect(svgSize('<svg viewBox="0 0 100 50">')).toEqual({ width: 100, height: 50 });
		expect(svgSize('<svg width="200" viewBox="0 0 100 50">')).toEqual({ width: 200, height: 100 });
		expect(svgSize('<svg width="100%" height="100%">')).toBeUndefined();
	});
});

// Issue 21, finding 6b: a 2 KB SVG saved as .png took sharp (librsvg) about 40 s; sharp reads by content, not by name.
describe('pictures whose bytes are not what their name says', () => {
	const svg =
		'<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><filter id="f"><feTurbulence baseFrequency="0.9" numOctaves="10"/></filter><rect width="4000" height="4000" filter="url(#f)"/></svg>';
	writeFileSync(join(work, 'hinh', 'so-do-that-ra-svg.png'), svg);
	cpSync(join(FIXTURES, 'anh-chup-phong-may.jpg'), join(work, 'hinh', 'that-ra-jpeg.png'));

	it('knows a picture by its first bytes', () => {
		expect(sniffFormat(readFileSync(join(FIXTURES, 'bia.png')))).toBe('PNG');
		expect(sniffFormat(readFileSync(join(FIXTURES, 'anh-chup-phong-may.jpg')))).toBe('JPEG');
		expect(sniffFormat(readFileSync(join(FIXTURES, 'dong-ho.gif')))).toBe('GIF');
		expect(sniffFormat(readFileSync(join(FIXTURES, 'kien-truc.svg')))).toBe('SVG');
		expect(sniffFormat(Buffer.from('\uFEFF<?xml version="1.0"?>\n<svg>'))).toBe('SVG');
		expect(sniffFormat(Buffer.from('not a png at all'))).toBe('text');
	});

	it('names a file whose bytes are another format than its extension', () => {
		expect(disguise('/media/a.png', Buffer.from(svg))).toBe('its bytes are an SVG drawing, not a PNG as its name says');
		expect(disguise('/media/a.png', readFileSync(join(FIXTURES, 'anh-chup-phong-may.jpg')))).toBe(
			'its bytes are a JPEG, not a PNG as its name says'
		);
		expect(disguise('/media/a.jpg', Buffer.from([0, 1, 2, 3, 0, 0]))).toBe(
			'its bytes are of no picture format the site knows, not a JPEG as its name says'
		);
		expect(disguise('/media/a.png', readFileSync(join(FIXTURES, 'bia.png')))).toBeUndefined();
		expect(disguise('/media/A.JPEG', readFileSync(join(FIXTURES, 'anh-chup-phong-may.jpg')))).toBeUndefined();
	});

	it('never gives such a file to sharp, in a build or in a check, and says why', async () => {
		const jobs = [job('so-do-that-ra-svg.png'), job('that-ra-jpeg.png', true)];
		for (const encode of [true, false]) {
			const cache = join(work, `disguise-${encode}`);
			const r = await processImages(jobs, cache, { encode });
			expect(r.encoded).toBe(0);
			expect(r.pictures.size).toBe(0);
			expect(r.failed.get('/media/hinh/so-do-that-ra-svg.png')).toBe(
				'its bytes are an SVG drawing, not a PNG as its name says'
			);
			expect(r.failed.get('/media/hinh/that-ra-jpeg.png')).toBe('its bytes are a JPEG, not a PNG as its name says');
			expect(existsSync(join(cache, 'images')) && readdirSync(join(cache, 'images')).length).toBeFalsy();
		}
	});
});
