import { categories, listingPage } from '$lib/server/content';

/** The home page: the newest posts, with the categories as chips above them. */
export const load = () => ({ ...listingPage(1), categories });
