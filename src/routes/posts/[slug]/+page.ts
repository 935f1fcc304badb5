import type { PageLoad } from './$types';
import { getPost, postsToRender } from '$lib/site/content';
import { pdfEnabled } from '$lib/config';

export const entries = () => postsToRender().map((p) => ({ slug: p.slug }));

/** `pdf`: whether the build prints this post to `pdf/<slug>.pdf` (scripts/pdf.ts), so the page links to it. */
export const load: PageLoad = async ({ params }) => ({
	...(await getPost(params.slug)),
	pdf: pdfEnabled()
});
