import type { PageServerLoad } from './$types';
import { getPost, postsToRender } from '$lib/server/content';
import { pdfEnabled } from '$lib/config';

export const entries = () => postsToRender().map((p) => ({ slug: p.slug }));

/** `pdf`: whether the build prints this post to `pdf/<slug>.pdf` (scripts/pdf.ts), so the page links to it. */
export const load: PageServerLoad = async ({ params }) => ({
	...(await getPost(params.slug)),
	pdf: pdfEnabled()
});
