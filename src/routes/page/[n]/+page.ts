import type { PageLoad } from './$types';
import { error } from '@sveltejs/kit';
import { listingPage, pageCount } from '$lib/site/content';

export const entries = () => Array.from({ length: Math.max(0, pageCount() - 1) }, (_, i) => ({ n: String(i + 2) }));

export const load: PageLoad = ({ params }) => {
	const n = Number(params.n);
	// Page 1 is the home page itself.
	if (!/^\d+$/.test(params.n) || n < 2) error(404, 'Không có trang này');
	return listingPage(n);
};
