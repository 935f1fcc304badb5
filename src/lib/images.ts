/** URL of a cover image as a page shows it: the content module made local ones site paths; they get the base path. */
import { url } from './paths.ts';

export function imageUrl(src: string | undefined): string | undefined {
	if (!src) return undefined;
	if (/^(https?:)?\/\//i.test(src) || src.startsWith('data:')) return src;
	return url(src);
}
