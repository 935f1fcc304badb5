/**
 * Stage 2, `render`, as the content module calls it: posts whose rendering is in the content cache (and still resolves
 * the same way) are taken from it; the others are rendered by the worker pool, which caches them as it goes.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLink } from '../links.ts';
import type { ContentCache } from './cache.ts';
import {
	prestart,
	renderAll,
	type Budget,
	type Job,
	type Outcome,
	type SiteContext,
	type WarmWorkers
} from './pool.ts';

/** What `npm run dev` keeps between runs: warm workers, and which cache entry each post's HTML file holds. */
export interface RenderSession {
	warm: WarmWorkers;
	written: Map<string, string>;
}

/** Renders every job (the outcome of job i is at index i) and says how many were rendered rather than cached. */
export async function renderPosts(
	jobs: Job[],
	site: SiteContext,
	cache: ContentCache | undefined,
	budget?: Budget,
	session?: RenderSession
): Promise<{ outcomes: Outcome[]; rendered: number }> {
	// Outside the dev server (whose workers stay warm), a worker starts loading while the cache is read.
	const early = session || !jobs.length ? undefined : prestart(site, budget);
	const slugs = new Set(site.slugs);
	const outcomes: Outcome[] = new Array(jobs.length);
	const misses: number[] = [];
	jobs.forEach((job, i) => {
		const ctx = { postsDir: site.postsDir, staticDir: site.staticDir, slugs, moved: site.moved, postAbs: job.abs };
		const entry = cache?.get(job, (url) => resolveLink(url, ctx));
		if (!entry) return void misses.push(i);
		outcomes[i] = { ok: true, rendered: entry.rendered };
		if (!site.outDir) return;
		const out = join(site.outDir, `${job.slug}.json`);
		const key = cache!.key(job);
		// The dev server's last run wrote this very entry: nothing to write.
		if (session?.written.get(job.slug) === key && existsSync(out)) return;
		writeFileSync(out, JSON.stringify(entry.file));
		session?.written.set(job.slug, key);
	});
	// Only a build (which writes HTML) fills the cache; checks read it.
	const filling = cache && site.outDir ? cache : undefined;
	const fresh = await renderAll(
		misses.map((i) => ({ ...jobs[i], cacheKey: filling?.key(jobs[i]) })),
		{ ...site, cacheDir: filling?.dir, cacheSecret: filling?.secret },
		budget,
		session?.warm ?? early
	);
	await early?.close();
	misses.forEach((i, k) => {
		outcomes[i] = fresh[k];
		if (filling) session?.written.set(jobs[i].slug, filling.key(jobs[i]));
	});
	filling?.prune();
	return { outcomes, rendered: misses.length };
}
