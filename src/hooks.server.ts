import type { Handle, HandleServerError } from '@sveltejs/kit';
import { building, dev } from '$app/environment';

/**
 * Pages ship no client code, so in `npm run dev` nothing would reload them: there each page loads Vite's client, which
 * reloads it when a post changes. Built pages are untouched.
 */
export const handle: Handle = ({ event, resolve }) =>
	dev && !building
		? resolve(event, {
				transformPageChunk: ({ html }) =>
					html.replace('</head>', '<script type="module" src="/@vite/client"></script></head>')
			})
		: resolve(event);

/**
 * Pages the prerender crawler asks for before they exist (KaTeX's files and files beside posts are copied into the site
 * after Vite; missing images are named by the content check) answer 404 quietly instead of a red line in the log.
 */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
