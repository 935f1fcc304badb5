import type { PageLoad } from './$types';
import { getPost } from '$lib/site/content';
import { pdfEnabled } from '$lib/config';

// Which post pages are rendered is the build's to say (svelte.config.js lists them from the build manifest).

/** `pdf`: whether the build prints this post to `pdf/<slug>.pdf` (scripts/pdf.ts), so the page links to it. */
export const load: PageLoad = async ({ params }) => ({
	...(await getPost(params.slug)),
	pdf: pdfEnabled()
});
