/** URL of a cover image as a page shows it: site images get the base path, remote ones are kept. */
import { url } from './paths.ts';

export function imageUrl(src: string | undefined): string | undefined {
	if (!src) return undefined;
	if (/^(https?:)?\/\//i.test(src) || src.startsWith('data:')) return src;
	return url(src.replace(/^\.\//, '/'));
}
