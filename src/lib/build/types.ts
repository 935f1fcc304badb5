/** The types of the build's state (see manifest.js): what one build stage hands the next. */
import type { Content } from '../content/load.ts';
import type { Problem } from '../content/problems.ts';

/** The content stage's result as the other stages read it (media as a plain record). */
export type ShippedContent = Omit<Content, 'media'> & { media: Record<string, string> };

/** What the content stage decides about the pages: which post pages are kept from the last build, which rendered. */
export interface PagesPlan {
	/** The site's version (`_app/version.json`): a hash of the posts and categories. */
	version: string;
	/** The site key: everything every page is made from (build/plan.ts). */
	key: string;
	/** A hash of what the listing pages are made from: every post's entry and the categories. */
	listings: string;
	/** Each post's input: a hash of its body and of what its page shows of the other posts (besides the site key). */
	inputs: Record<string, string>;
	/** Posts whose page is kept from the last build. */
	kept: string[];
	/** Posts whose page this build renders. */
	render: string[];
	/** Vite does not run: the rest of the site is kept as the last build wrote it. */
	reuseSite: boolean;
}

/** A published post; `url` is its path on the site, base path included (`/my-notes/posts/rpc/`). */
export interface ReportPost {
	file: string;
	title: string;
	url: string;
}

/** What the build did, for people: the job summary (scripts/summary.ts) reads it after the build. */
export interface BuildReport {
	/** `CONTENT_ERRORS` as the build read it. */
	mode: 'error' | 'warn';
	/** `CONTENT_WARNINGS=error`: warnings stopped the build too. */
	warningsMode?: 'error' | 'warn';
	published: number;
	posts: ReportPost[];
	/** Posts that cannot be published, each with the errors that say why. */
	leftOut: { file: string; problems: Problem[] }[];
	/** Errors on posts that are still published (a wrong field value) or on the whole site. */
	errors: Problem[];
	warnings: Problem[];
	drafts: string[];
	/** Seconds the content stage took. */
	contentSeconds: number;
	/** Set by `build()` when it ends, whether every stage ran or one stopped it. */
	seconds?: number;
	ok?: boolean;
	/** `*.html` files in the built site, when the build succeeded. */
	pages?: number;
}

/**
 * The one hand-off between the build's processes: the content stage writes it, Vite (through `virtual:content` and
 * svelte.config.js), the page renderer, post-build and the job summary read it. A stage that stopped the build leaves
 * only the report.
 */
export interface BuildManifest {
	report?: BuildReport;
	content?: ShippedContent;
	plan?: PagesPlan;
	/** The folder SvelteKit publishes as static/: static/ itself, or a staged copy without links that lead out. */
	assets?: string;
}
