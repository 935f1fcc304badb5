import { siteUrl } from '$lib/env.js';

// Every page is prerendered to static HTML and ships no JavaScript framework code (see docs/DEVELOPERS.md, "Speed").
export const prerender = true;
export const csr = false;
export const trailingSlash = 'always';

export const load = () => ({ siteUrl: siteUrl() });
