/**
 * KaTeX's stylesheet and fonts, served at /katex/ and linked only by posts that contain math: the build copies them
 * into the site, and `npm run dev` serves them straight from the katex package.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Folder of katex.min.css and fonts/ inside the installed katex package. */
export const katexDist = () => dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));

/** Copies the stylesheet and its woff2 fonts (what current browsers load) into `<site>/katex/`. */
export function copyKatexAssets(site: string): number {
	const dist = katexDist();
	const target = join(site, 'katex');
	mkdirSync(join(target, 'fonts'), { recursive: true });
	copyFileSync(join(dist, 'katex.min.css'), join(target, 'katex.min.css'));
	const fonts = readdirSync(join(dist, 'fonts')).filter((f) => f.endsWith('.woff2'));
	for (const font of fonts) copyFileSync(join(dist, 'fonts', font), join(target, 'fonts', font));
	return fonts.length + 1;
}
