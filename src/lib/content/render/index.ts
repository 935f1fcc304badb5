/**
 * Stage 2, `render`, as the content module calls it: posts whose rendering is in the content cache (and still resolves
 * the same way) are taken from it; the others are rendered by the worker pool, which caches them as it goes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLink } from '../links.ts';
import type { ContentCache } from './cache.ts';
import { renderAll, type Budget, type Job, type Outcome, type SiteContext } from './pool.ts';

/** Renders every job (the outcome of job i is at index i) and says how many were rendered rather than cached. */
export async function renderPosts(
	jobs: Job[],
	site: SiteContext,
	cache: ContentCache | undefined,
	budget?: Budget
): Promise<{ outcomes: Outcome[]; rendered: number }> {
	const slugs = new Set(site.slugs);
	const outcomes: Outcome[] = new Array(jobs.length);
	const misses: number[] = [];
	jobs.forEach((job, i) => {
		const ctx = { postsDir: site.postsDir, staticDir: site.staticDir, slugs, postAbs: job.abs };
		const entry = cache?.get(job, (url) => resolveLink(url, ctx));
		if (!entry) return void misses.push(i);
		outcomes[i] = { ok: true, rendered: entry.rendered };
		if (site.outDir) writeFileSync(join(site.outDir, `${job.slug}.json`), JSON.stringify(entry.file));
	});
	// Only a build (which writes HTML) fills the cache; checks read it.
	const filling = cache && site.outDir ? cache : undefined;
	const fresh = await renderAll(
		misses.map((i) => ({ ...jobs[i], cacheKey: filling?.key(jobs[i]) })),
		{ ...site, cacheDir: filling?.dir },
		budget
	);
	misses.forEach((i, k) => (outcomes[i] = fresh[k]));
	filling?.prune();
	return { outcomes, rendered: misses.length };
}
