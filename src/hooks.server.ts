import type { Handle } from '@sveltejs/kit';
import { dev } from '$app/environment';

/**
 * Pages ship no client code, so in `npm run dev` nothing would reload them: there each page loads Vite's client, which
 * reloads it when a post changes. Built pages are untouched.
 */
export const handle: Handle = ({ event, resolve }) =>
	dev
		? resolve(event, {
				transformPageChunk: ({ html }) =>
					html.replace('</head>', '<script type="module" src="/@vite/client"></script></head>')
			})
		: resolve(event);
