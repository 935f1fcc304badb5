/**
 * Renders many posts on all cores, each within a budget. Worker threads run `makeRunner` (run.ts); a post that throws,
 * overflows the stack, runs out of time or out of memory becomes a failed outcome for that post alone, and the worker
 * it broke is replaced. The site's pages read the HTML the workers wrote: no post is bundled by Vite.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Job, Outcome, SiteContext } from './run.ts';

export type { Job, Outcome, Reference, Rendered, RenderedFile, SiteContext } from './run.ts';

/** What one post may take: wall time and heap. */
export interface Budget {
	seconds: number;
	heapMb: number;
}

/** 20 s and 192 MB of heap by default; `POST_TIME_LIMIT` (seconds) changes the time. */
export function defaultBudget(env = process.env): Budget {
	const seconds = Number(env.POST_TIME_LIMIT);
	return { seconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 20, heapMb: 192 };
}

const POSTS_PER_WORKER = 30;

/** The worker entry: plain ESM that registers tsx, so workers run the TypeScript pipeline as it is. */
const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/**
 * Workers kept between runs, for `npm run dev`: after an edit, the post is rendered by a thread that has its pipeline
 * loaded already, instead of one that must start and load it (about two seconds).
 */
export class WarmWorkers {
	private idle: Worker[] = [];
	take(start: () => Worker): Worker {
		return this.idle.pop() ?? start();
	}
	keep(worker: Worker): void {
		// An idle worker does not keep the dev server's process alive.
		worker.unref();
		this.idle.push(worker);
	}
	async close(): Promise<void> {
		await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
	}
}

/**
 * A young generation of 64 MB. V8 sizes it from the heap limit, small for 192 MB, so a post's syntax trees, which live
 * for the whole post, were promoted and traced again by full collections. With the content stage's
 * `--heap-growing-percent` (scripts/build.ts), the render stage spends about a fifth less CPU (bench/results.md). The
 * heap limit, the post's memory budget, is unchanged.
 */
const YOUNG_GENERATION_MB = 64;

const startWorker = (site: SiteContext, budget: Budget) =>
	new Worker(WORKER, {
		workerData: site,
		resourceLimits: { maxOldGenerationSizeMb: budget.heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
	});

/**
 * One worker started now, to load the pipeline (about two seconds) while the caller looks posts up in the cache; pass
 * it to `renderAll` and close it afterwards.
 */
export function prestart(site: SiteContext, budget = defaultBudget()): WarmWorkers {
	const warm = new WarmWorkers();
	warm.keep(startWorker(site, budget));
	return warm;
}

/** Renders every job; the outcome of job i is at index i. Never rejects because of a post. */
export async function renderAll(
	jobs: Job[],
	site: SiteContext,
	budget = defaultBudget(),
	warm?: WarmWorkers
): Promise<Outcome[]> {
	const threads = Math.max(1, Math.min(availableParallelism(), 4, Math.ceil(jobs.length / POSTS_PER_WORKER)));
	const outcomes: Outcome[] = new Array(jobs.length);
	let next = 0;
	const start = () => startWorker(site, budget);

	/** Runs one job on a worker; `broken` says the worker must be replaced. */
	const runOn = (worker: Worker, job: Job) =>
		new Promise<{ outcome: Outcome; broken: boolean }>((done) => {
			let settled = false;
			const finish = (outcome: Outcome, broken: boolean) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				worker.off('message', onMessage).off('error', onError).off('exit', onExit);
				done({ outcome, broken });
			};
			const onMessage = (outcome: Outcome) => finish(outcome, false);
			const onError = (error: NodeJS.ErrnoException) =>
				finish(
					error.code === 'ERR_WORKER_OUT_OF_MEMORY'
						? { ok: false, budget: 'memory', message: `needed more than ${budget.heapMb} MB of memory to render` }
						: { ok: false, message: error.message.split('\n')[0] },
					true
				);
			const onExit = (code: number) => finish({ ok: false, message: `the renderer stopped (exit ${code})` }, true);
			const timer = setTimeout(
				() => finish({ ok: false, budget: 'time', message: `took longer than ${budget.seconds} s to render` }, true),
				budget.seconds * 1000
			);
			worker.ref();
			worker.on('message', onMessage).on('error', onError).on('exit', onExit);
			worker.postMessage({ site, job });
		});

	await Promise.all(
		Array.from({ length: Math.min(threads, jobs.length) }, async () => {
			let worker = warm ? warm.take(start) : start();
			while (next < jobs.length) {
				const i = next++;
				const { outcome, broken } = await runOn(worker, jobs[i]);
				outcomes[i] = outcome;
				if (broken) {
					await worker.terminate();
					worker = start();
				}
			}
			if (warm) warm.keep(worker);
			else await worker.terminate();
		})
	);
	return outcomes;
}
