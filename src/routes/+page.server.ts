import { listingPage } from '$lib/server/content';

export const load = () => listingPage(1);
