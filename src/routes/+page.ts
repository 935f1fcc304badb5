import { categories, listingPage } from '$lib/site/content';

/** The home page: the newest posts, with the categories as chips above them. */
export const load = () => ({ ...listingPage(1), categories });
