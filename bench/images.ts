/**
 * Pictures for the images row of `npm run bench`: posts that each show two local pictures, sized like students'
 * screenshots and photos (median about 90 KB, a tenth above 350 KB, the largest about 2.5 MB). Every picture is
 * distinct, so nothing is encoded once for several posts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { generatePost } from './generate';

/** A deterministic sequence in [0, 1). */
function rng(seed: number) {
	let s = seed >>> 0 || 1;
	return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** A screenshot-like PNG (flat areas, text-like stripes) or a photo-like JPEG, about the size asked for. */
async function picture(r: () => number, kind: 'png' | 'jpg', width: number, height: number): Promise<Buffer> {
	const base = await sharp({
		create: {
			width: 24,
			height: 16,
			channels: 3,
			background: '#000',
			noise: { type: 'gaussian', mean: 150, sigma: 70 }
		}
	})
		.png()
		.toBuffer();
	const smooth = sharp(base).resize(width, height, { kernel: 'cubic' });
	if (kind === 'jpg') {
		const grain = await sharp({
			create: {
				width,
				height,
				channels: 3,
				background: '#000',
				noise: { type: 'gaussian', mean: 128, sigma: 10 + r() * 20 }
			}
		})
			.png()
			.toBuffer();
		return smooth
			.composite([{ input: grain, blend: 'overlay' }])
			.jpeg({ quality: 80 + Math.floor(r() * 12) })
			.toBuffer();
	}
	// Lines of text in a few colours on a light background, like a terminal or an editor (anti-aliased, as on screen).
	const words = ['func', 'return', 'nil', 'err', 'ctx', 'server', 'đồng bộ', 'khóa', 'leader', 'term', 'log', '{', '}'];
	const lines = Array.from({ length: Math.floor(height / 18) }, (_, i) => {
		if (r() < 0.4) return '';
		const text = Array.from({ length: 2 + Math.floor(r() * 6) }, () => words[Math.floor(r() * words.length)]).join(' ');
		const hue = Math.floor(r() * 360);
		return `<text x="${12 + Math.floor(r() * 40)}" y="${16 + i * 18}" font-family="monospace" font-size="13" fill="hsl(${hue},50%,32%)">${text}</text>`;
	}).join('');
	const svg = Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fbfbfa"/><rect width="${Math.floor(width * 0.18)}" height="100%" fill="#23252e"/>${lines}</svg>`
	);
	return sharp(svg).png({ compressionLevel: 6 }).toBuffer();
}

/** Writes `count` posts into `dir`, each with two pictures in `dir/hinh/`; returns the pictures' sizes, sorted. */
export async function generateImagePosts(dir: string, count: number, seed = 7): Promise<number[]> {
	const r = rng(seed);
	mkdirSync(join(dir, 'hinh'), { recursive: true });
	const sizes: number[] = [];
	for (let i = 0; i < count; i++) {
		const names: string[] = [];
		for (let k = 0; k < 2; k++) {
			const big = r() < 0.1;
			const kind = r() < 0.7 ? 'png' : 'jpg';
			const width = big ? 2400 + Math.floor(r() * 800) : 700 + Math.floor(r() * 700);
			const height = Math.floor(width * (0.5 + r() * 0.3));
			const bytes = await picture(r, kind, width, height);
			const name = `bai-${i + 1}-hinh-${k + 1}.${kind}`;
			writeFileSync(join(dir, 'hinh', name), bytes);
			names.push(name);
			sizes.push(bytes.length);
		}
		const text = generatePost(seed, i).replace(/\n\n## /, `\n\n![Ảnh chụp màn hình ${i + 1}](hinh/${names[0]})\n\n## `);
		writeFileSync(
			join(dir, `bai-${String(i + 1).padStart(3, '0')}.md`),
			`${text}\n![Kết quả đo ${i + 1}](hinh/${names[1]})\n`
		);
	}
	return sizes.sort((a, b) => a - b);
}
