import { siteUrl } from '$lib/env.js';

export const load = () => ({ siteUrl: siteUrl() });
