/**
 * Stage 3b of the build, `images`: every local picture a published post shows (covers and body images, beside posts
 * or in static/) is measured and encoded once with sharp, into AVIF and WebP at a few widths up to its own. Results
 * are kept in the content cache by the hash of the file's bytes, so a build in which no image changed encodes nothing.
 * SVG and GIF are passed through (an animated GIF stays animated) with their real size. A file sharp cannot read, one
 * whose bytes are not the format its name says (an SVG saved as .png would be drawn by librsvg, which a small hostile
 * file can keep busy for a minute), or one that takes longer than IMAGE_TIME_LIMIT to encode is published as it is,
 * with a warning.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Picture } from '../text/picture.ts';
import { slugify } from '../text/slug.ts';
import { encodePath } from '../text/urls.ts';
import { mapLimit } from './map-limit.ts';

/** Widths of the encoded copies (never wider than the original); covers also get a thumbnail-sized copy. */
export const WIDTHS = [480, 800, 1200, 1600];
export const THUMBNAIL_WIDTH = 360;
/** Anything in these settings changes every encoded file: part of each cache key. */
// The fastest efforts: four times quicker than the defaults for about 8 % more bytes (measured on screenshots).
const SETTINGS = { v: 2, avif: { quality: 50, effort: 0 }, webp: { quality: 76, effort: 1 }, widths: WIDTHS };
/** A picture bigger than this (in pixels) is published as it is rather than decoded (a 12000×12000 PNG is 432 MB). */
const MAX_PIXELS = 60_000_000;
/** Seconds one picture may take to encode, all its copies together; a 60-megapixel photo takes about 15 s here. */
export const IMAGE_TIME_LIMIT = 60;

export interface ImageJob {
	/** The site path the page uses (decoded, without the base path), e.g. `/media/tuan-2/hinh/so-do.png`. */
	path: string;
	abs: string;
	/** Shown in listings: add the thumbnail width. */
	cover: boolean;
	/** Where the post shows it, for warnings. */
	line?: number;
}

export interface ImageResult {
	/** Site path → picture, for every image that could be measured. */
	pictures: Map<string, Picture>;
	/** Encoded files to publish: site path → file in the cache. */
	files: Map<string, string>;
	/** Images that sharp could not read: site path → reason. */
	failed: Map<string, string>;
	encoded: number;
	cached: number;
	bytesIn: number;
	bytesOut: number;
}

interface Entry {
	width: number;
	height: number;
	light: boolean;
	/** Encoded copies: [file name in the entry's folder, width, mime type]. */
	copies: [string, number, string][];
}

const RASTER = /\.(png|jpe?g|webp|avif|tiff?|bmp)$/i;
const PASS_THROUGH = /\.(gif|svg)$/i;

/** Whether the site processes this file as a picture (by its name). */
export const isPicture = (path: string) => RASTER.test(path) || PASS_THROUGH.test(path);

type Format = 'PNG' | 'JPEG' | 'WebP' | 'AVIF' | 'TIFF' | 'BMP' | 'GIF' | 'SVG';

/** The format a file's name says. */
function namedFormat(path: string): Format | undefined {
	const ext = /\.([a-z]+)$/i.exec(path)?.[1].toLowerCase();
	const formats: Record<string, Format> = {
		png: 'PNG',
		jpg: 'JPEG',
		jpeg: 'JPEG',
		webp: 'WebP',
		avif: 'AVIF',
		tif: 'TIFF',
		tiff: 'TIFF',
		bmp: 'BMP',
		gif: 'GIF',
		svg: 'SVG'
	};
	return ext ? formats[ext] : undefined;
}

/** The format a file's first bytes say (its signature), `text` for other text, or undefined when unknown. */
export function sniffFormat(bytes: Buffer): Format | 'text' | undefined {
	const ascii = (from: number, to: number) => bytes.toString('latin1', from, to);
	if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WebP';
	if (ascii(4, 8) === 'ftyp' && /^(avif|avis|mif1|msf1)$/.test(ascii(8, 12))) return 'AVIF';
	if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'TIFF';
	if (ascii(0, 2) === 'BM') return 'BMP';
	if (/^GIF8[79]a/.test(ascii(0, 6))) return 'GIF';
	const head = bytes.toString('utf8', 0, 4096);
	if (/^(\uFEFF)?\s*</.test(head) && /<svg[\s>]/i.test(head)) return 'SVG';
	// Text: no NUL byte and no control character but whitespace in the first bytes.
	// eslint-disable-next-line no-control-regex -- control characters are what tells text from binary
	if (!/[\0-\x08\x0e-\x1f]/.test(head)) return 'text';
	return undefined;
}

const A: Record<Format | 'text', string> = {
	PNG: 'a PNG',
	JPEG: 'a JPEG',
	WebP: 'a WebP',
	AVIF: 'an AVIF',
	TIFF: 'a TIFF',
	BMP: 'a BMP',
	GIF: 'a GIF',
	SVG: 'an SVG drawing',
	text: 'text'
};

/**
 * Why a picture's bytes are not the format its name says (checked before sharp sees it: sharp reads by content, so an
 * SVG named .png would be drawn), or undefined when they are.
 */
export function disguise(path: string, bytes: Buffer): string | undefined {
	const named = namedFormat(path);
	if (!named) return undefined;
	const found = sniffFormat(bytes);
	if (found === named) return undefined;
	return `its bytes are ${found ? A[found] : 'of no picture format the site knows'}, not ${A[named]} as its name says`;
}

/** The size an SVG declares (width/height, else its viewBox), read as text: SVG from posts is never rendered here. */
export function svgSize(text: string): { width: number; height: number } | undefined {
	// The first `<svg` tag up to its first `>`, found with indexOf: a pattern `<svg\b[^>]*>` would read to the end of
	// the text again from every `<svg` when no `>` follows (quadratic).
	const start = text.search(/<svg\b/i);
	const end = start < 0 ? -1 : text.indexOf('>', start);
	if (end < 0) return undefined;
	const tag = text.slice(start, end + 1);
	const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
	const px = (v: string | undefined) => (v && /^\s*[\d.]+(?:\s*px)?\s*$/.test(v) ? parseFloat(v) : undefined);
	const box = attr('viewBox')
		?.trim()
		.split(/[\s,]+/)
		.map(Number);
	let width = px(attr('width'));
	let height = px(attr('height'));
	if (box && box.length === 4 && box[2] > 0 && box[3] > 0) {
		if (width && !height) height = (width * box[3]) / box[2];
		else if (height && !width) width = (height * box[2]) / box[3];
		else if (!width && !height) [width, height] = [box[2], box[3]];
	}
	return width && height ? { width: Math.round(width), height: Math.round(height) } : undefined;
}

/** GIF's logical screen size: bytes 6–9 of the header. */
function gifSize(bytes: Buffer): { width: number; height: number } | undefined {
	if (bytes.length < 10 || bytes.toString('latin1', 0, 3) !== 'GIF') return undefined;
	return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
}

/** Whether a picture sits on white: most of its border, in a 32×32 copy, is near-white. */
async function onLightBackground(image: import('sharp').Sharp): Promise<boolean> {
	const { data, info } = await image
		.resize(32, 32, { fit: 'fill' })
		.removeAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	let light = 0;
	let border = 0;
	for (let y = 0; y < 32; y++)
		for (let x = 0; x < 32; x++) {
			if (x > 1 && x < 30 && y > 1 && y < 30) continue;
			const i = (y * 32 + x) * info.channels;
			border++;
			if (data[i] > 235 && data[i + 1] > 235 && data[i + 2] > 235) light++;
		}
	return light / border > 0.7;
}

async function encode(bytes: Buffer, dir: string, cover: boolean): Promise<Entry> {
	const { default: sharp } = await import('sharp');
	// One budget for the picture: each sharp pipeline gets what is left of it.
	const deadline = performance.now() + IMAGE_TIME_LIMIT * 1000;
	const limited = (image: import('sharp').Sharp) => {
		const left = Math.ceil((deadline - performance.now()) / 1000);
		if (left <= 0) throw new Error(`timeout: ${IMAGE_TIME_LIMIT}s`);
		return image.timeout({ seconds: left });
	};
	const input = sharp(bytes, { limitInputPixels: MAX_PIXELS, sequentialRead: true }).rotate();
	const meta = await input.metadata();
	// EXIF orientation 5–8 swaps width and height.
	const turned = (meta.orientation ?? 1) >= 5;
	const width = (turned ? meta.height : meta.width) ?? 0;
	const height = (turned ? meta.width : meta.height) ?? 0;
	if (!width || !height) throw new Error('it has no size');
	const widest = Math.max(...WIDTHS);
	const widths = [...new Set([...(cover ? [THUMBNAIL_WIDTH] : []), ...WIDTHS.filter((w) => w < width), width])]
		.filter((w) => w <= width && w <= widest)
		.sort((a, b) => a - b);
	if (!widths.length) widths.push(Math.min(width, widest));
	// Decoded once, at the largest size needed; every copy is made from these pixels.
	const { data, info } = await limited(
		input.resize({ width: Math.min(width, widest), withoutEnlargement: true }).raw()
	).toBuffer({ resolveWithObject: true });
	const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
	const copies: Entry['copies'] = [];
	mkdirSync(dir, { recursive: true });
	for (const w of widths)
		for (const [format, type] of [
			['avif', 'image/avif'],
			['webp', 'image/webp']
		] as const) {
			const name = `${w}.${format}`;
			const out = pixels().resize({ width: w, withoutEnlargement: true });
			const encoded = await limited(format === 'avif' ? out.avif(SETTINGS.avif) : out.webp(SETTINGS.webp)).toBuffer();
			writeFileSync(join(dir, name), encoded);
			copies.push([name, w, type]);
		}
	return { width, height, light: await onLightBackground(limited(pixels())), copies };
}

/** The public name of an encoded copy: `/_img/<hash>/<name>-<width>.<format>`, readable in the network panel. */
function publicName(hash: string, source: string, file: string): string {
	const stem = slugify((source.split('/').pop() ?? '').replace(/\.[^.]+$/, '')).slice(0, 40) || 'image';
	const [w, format] = file.split('.');
	return `/_img/${hash}/${stem}-${w}.${format}`;
}

const reasonOf = (e: unknown) => {
	const message = (e as Error).message.split('\n')[0];
	if (/timeout/i.test(message)) return `it takes longer than ${IMAGE_TIME_LIMIT} s to resize`;
	return /pixel limit/i.test(message) ? 'it is too large to process (over 60 megapixels)' : message;
};

/** Why sharp cannot read a picture (decoding its header only), or undefined. */
async function probe(bytes: Buffer): Promise<string | undefined> {
	const { default: sharp } = await import('sharp');
	try {
		const meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
		if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) return reasonOf(new Error('pixel limit'));
		return meta.width && meta.height ? undefined : 'it has no size';
	} catch (e) {
		return reasonOf(e);
	}
}

/** Measures and encodes every picture; `cacheDir` keeps encoded copies between builds (pruned to those in use). */
export async function processImages(
	jobs: ImageJob[],
	cacheDir: string,
	options: { encode: boolean } = { encode: true }
): Promise<ImageResult> {
	const result: ImageResult = {
		pictures: new Map(),
		files: new Map(),
		failed: new Map(),
		encoded: 0,
		cached: 0,
		bytesIn: 0,
		bytesOut: 0
	};
	const root = join(cacheDir, 'images');
	const used = new Set<string>();
	// One job per file even when several posts show it; a cover anywhere adds the thumbnail size.
	const byPath = new Map<string, ImageJob>();
	for (const job of jobs) {
		const seen = byPath.get(job.path);
		byPath.set(job.path, seen ? { ...seen, cover: seen.cover || job.cover } : job);
	}
	await mapLimit([...byPath.values()], Math.max(1, availableParallelism()), async (job) => {
		let bytes: Buffer;
		try {
			bytes = readFileSync(job.abs);
		} catch (e) {
			result.failed.set(job.path, `it cannot be read (${(e as Error).message})`);
			return;
		}
		if (PASS_THROUGH.test(job.path)) {
			const size = /\.svg$/i.test(job.path) ? svgSize(bytes.toString('utf8')) : gifSize(bytes);
			if (!size) return void result.failed.set(job.path, 'its size cannot be read');
			const entry: [string, number][] = [[encodePath(job.path), size.width]];
			result.pictures.set(job.path, { src: encodePath(job.path), ...size, sources: [], srcset: entry });
			return;
		}
		// Both a build and a check: sharp never sees a file that is not what its name says.
		const disguised = disguise(job.path, bytes);
		if (disguised) return void result.failed.set(job.path, disguised);
		const hash = createHash('sha256')
			.update(JSON.stringify(SETTINGS))
			.update(job.cover ? 'cover' : '')
			.update(bytes)
			.digest('hex')
			.slice(0, 20);
		const dir = join(root, hash);
		used.add(hash);
		if (!options.encode) {
			// A check only needs to know that sharp reads the file, as the build will.
			const reason = await probe(bytes);
			if (reason) result.failed.set(job.path, reason);
			return;
		}
		let entry: Entry | undefined;
		try {
			entry = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')) as Entry;
			if (!entry.copies.every(([name]) => existsSync(join(dir, name)))) entry = undefined;
		} catch {
			entry = undefined;
		}
		if (entry) result.cached++;
		else {
			try {
				// Written under a temporary name and renamed, so a build stopped half-way never leaves half an entry.
				const tmp = `${dir}.tmp-${process.pid}`;
				rmSync(tmp, { recursive: true, force: true });
				entry = await encode(bytes, tmp, job.cover);
				writeFileSync(join(tmp, 'entry.json'), JSON.stringify(entry));
				rmSync(dir, { recursive: true, force: true });
				renameSync(tmp, dir);
				result.encoded++;
			} catch (e) {
				result.failed.set(job.path, reasonOf(e));
				return;
			}
		}
		result.bytesIn += bytes.length;
		const avif: [string, number][] = [];
		const webp: [string, number][] = [];
		for (const [name, w, type] of entry.copies) {
			const path = publicName(hash, job.path, name);
			result.files.set(path, join(dir, name));
			(type === 'image/avif' ? avif : webp).push([path, w]);
		}
		// What a phone downloads: the AVIF copy closest to 800 px (or the largest below it).
		const typical = avif.filter(([, w]) => w <= 800).pop() ?? avif[0];
		if (typical) result.bytesOut += statSync(result.files.get(typical[0])!).size;
		const widest = webp[webp.length - 1];
		result.pictures.set(job.path, {
			// The original stays the fallback unless it is much heavier than the widest WebP copy.
			src: bytes.length > 400_000 && widest ? widest[0] : encodePath(job.path),
			width: entry.width,
			height: entry.height,
			sources: [{ type: 'image/avif', srcset: avif }],
			srcset: webp,
			light: entry.light
		});
	});
	// Cached images no post uses any more are removed (by a build, which sees every picture).
	if (options.encode && existsSync(root))
		for (const name of readdirSync(root))
			if (!used.has(name)) rmSync(join(root, name), { recursive: true, force: true });
	return result;
}
