/** Files beside posts that pages use: the build lists them, and scripts/postbuild.ts copies them into the site. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { workPaths } from './paths.ts';

/** Where the build lists the files beside posts that the site uses (public path → absolute source path). */
export const MEDIA_MANIFEST = workPaths(resolve('.')).media;

export function writeMediaManifest(media: Map<string, string>): void {
	mkdirSync(dirname(MEDIA_MANIFEST), { recursive: true });
	writeFileSync(MEDIA_MANIFEST, JSON.stringify(Object.fromEntries(media), null, 1));
}

/** Copies the listed files into the written site; returns how many. */
export function copyMedia(site: string): number {
	if (!existsSync(MEDIA_MANIFEST)) return 0;
	const media = JSON.parse(readFileSync(MEDIA_MANIFEST, 'utf8')) as Record<string, string>;
	for (const [publicPath, abs] of Object.entries(media)) {
		const target = join(site, decodeURIComponent(publicPath));
		mkdirSync(dirname(target), { recursive: true });
		copyFileSync(abs, target);
	}
	return Object.keys(media).length;
}
