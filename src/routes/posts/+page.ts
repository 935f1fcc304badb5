import { categories, listingPage } from '$lib/site/content';

/**
 * /posts/, the folder every post's address starts with: the home page's listing (its canonical address is the home
 * page's), so a reader who shortens a post's address finds the posts instead of a 404.
 */
export const load = () => ({ ...listingPage(1), categories });
