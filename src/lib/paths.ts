/** The one helper every internal link goes through: applies SvelteKit's base path. */
import { base } from '$app/paths';
import { withBase } from './text/urls.ts';

export const url = (path: string) => withBase(base, path);
export { categoryPath, listingPath, postPath } from './text/urls.ts';
