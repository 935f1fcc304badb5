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
 * A page asked for that does not exist (a bare `vite build` crawls; the dev server serves whatever a reader types)
 * answers 404 quietly instead of a red line in the log: missing images and links are named by the content check.
 */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
