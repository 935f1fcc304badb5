/**
 * Runs regexes over 2 MB adversarial strings in a worker thread, reporting each input before it starts, so that a
 * regex that never finishes is stopped (the worker terminated) and named with the input it was reading, instead of
 * hanging the test run. Written as plain JavaScript, evaluated by the worker as it is.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export const INPUT_SIZE = 2 * 1024 * 1024;

/** What each adversarial input repeats, up to INPUT_SIZE characters, before a final NUL that no pattern expects. */
export const UNITS: Record<string, string> = {
	'one letter': 'a',
	'a Vietnamese letter with marks (NFC)': 'ệ',
	'a Vietnamese letter with marks (NFD)': 'e\u0323\u0302',
	spaces: ' ',
	tabs: '\t',
	newlines: '\n',
	'<': '<',
	'{': '{',
	'\\': '\\',
	'-': '-',
	'/': '/',
	digits: '0',
	'&': '&',
	'%': '%',
	'alternating a/space': 'a ',
	'<img x': '<img x',
	'<a b="': '<a b="',
	'<!--': '<!--',
	import: 'import '
};

/** An attack string of the analyser: its pumps repeated until the string is INPUT_SIZE long. */
export interface Attack {
	pumps: { prefix: string; pump: string }[];
	suffix: string;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fill = (unit) => unit.repeat(Math.ceil(workerData.size / unit.length)).slice(0, workerData.size) + '\\u0000';
const inputs = Object.entries(workerData.units).map(([name, unit]) => [name, fill(unit)]);
const attackInput = (a) => {
	const times = Math.ceil(workerData.size / Math.max(1, a.pumps.reduce((n, p) => n + p.pump.length, 0)));
	return a.pumps.map((p) => p.prefix + p.pump.repeat(times)).join('') + a.suffix;
};
process.env.RECHECK_BACKEND = 'pure';
process.env.RECHECK_SYNC_BACKEND = 'pure';
const { checkSync } = require(workerData.recheck);
parentPort.on('message', ({ id, source, flags, attacks, judge, misjudged, limits }) => {
	if (judge) {
		// recheck's verdict first (bounded by its own timeout); a vulnerable pattern is run only when it is misjudged.
		const v = checkSync(source, flags, limits);
		const verdict = { status: v.status, summary: v.complexity && v.complexity.summary, attack: v.attack && { pumps: v.attack.pumps, suffix: v.attack.suffix, pattern: v.attack.pattern }, error: v.error && { kind: v.error.kind, message: v.error.message } };
		parentPort.postMessage({ id, verdict });
		if (v.status === 'unknown' || (v.status === 'vulnerable' && !misjudged)) return parentPort.postMessage({ id, done: true });
		if (v.status === 'vulnerable') attacks = [...attacks, verdict.attack];
	}
	const all = [...inputs, ...attacks.map((a, i) => ['attack ' + (i + 1), attackInput(a)])];
	for (const [name, input] of all) {
		parentPort.postMessage({ id, started: name });
		// replace walks every match of a global regex, and runs one search of any other.
		input.replace(new RegExp(source, flags), '');
	}
	parentPort.postMessage({ id, done: true });
});
`;

/** recheck's verdict, as the worker reports it. */
export interface Verdict {
	status: 'safe' | 'vulnerable' | 'unknown';
	summary?: string;
	attack?: Attack & { pattern: string };
	error?: { kind: string; message?: string };
}

/** A worker that runs one regex at a time; `run` resolves with the input it was stuck on, or undefined when done. */
export class MatchRunner {
	#worker: Worker | undefined;
	#next = 0;

	#start(): Worker {
		this.#worker ??= new Worker(WORKER, {
			eval: true,
			workerData: { size: INPUT_SIZE, units: UNITS, recheck: createRequire(import.meta.url).resolve('recheck') }
		});
		return this.#worker;
	}

	run(source: string, flags: string, attacks: Attack[], deadline: number): Promise<string | undefined> {
		return this.audit(source, flags, attacks, deadline).then((r) => r.stuck);
	}

	/**
	 * With `judge`, recheck's verdict (in the worker, so that workers judge in parallel), then the 2 MB runs unless
	 * the verdict fails; the deadline starts with the runs.
	 */
	audit(
		source: string,
		flags: string,
		attacks: Attack[],
		deadline: number,
		judge?: { misjudged: boolean; limits: object }
	): Promise<{ verdict?: Verdict; stuck?: string }> {
		const worker = this.#start();
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			let current = 'setting up the inputs';
			let verdict: Verdict | undefined;
			let timer: ReturnType<typeof setTimeout> | undefined;
			const arm = () =>
				(timer = setTimeout(() => {
					worker.off('message', listen);
					worker.off('error', reject);
					void worker.terminate();
					this.#worker = undefined;
					resolve({ verdict, stuck: current });
				}, deadline));
			if (!judge) arm();
			const listen = (m: { id: number; started?: string; done?: boolean; verdict?: Verdict }) => {
				if (m.id !== id) return;
				if (m.verdict) {
					verdict = m.verdict;
					arm();
				}
				if (m.started) current = m.started;
				if (m.done) {
					clearTimeout(timer);
					worker.off('message', listen);
					worker.off('error', reject);
					resolve({ verdict });
				}
			};
			worker.on('message', listen);
			worker.on('error', reject);
			worker.postMessage({ id, source, flags, attacks, judge: !!judge, ...judge });
		});
	}

	async close(): Promise<void> {
		await this.#worker?.terminate();
		this.#worker = undefined;
	}
}

/** Audits spread over one worker per core (at most `size`), each taking the next pattern in the order asked. */
export class AuditPool {
	#runners: MatchRunner[];
	#queue: (() => void)[] = [];
	#idle: MatchRunner[];

	constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
		this.#runners = Array.from({ length: size }, () => new MatchRunner());
		this.#idle = [...this.#runners];
	}

	audit(...args: Parameters<MatchRunner['audit']>): ReturnType<MatchRunner['audit']> {
		return new Promise((resolve, reject) => {
			const go = () => {
				const runner = this.#idle.pop()!;
				runner
					.audit(...args)
					.then(resolve, reject)
					.finally(() => {
						this.#idle.push(runner);
						this.#queue.shift()?.();
					});
			};
			if (this.#idle.length) go();
			else this.#queue.push(go);
		});
	}

	async close(): Promise<void> {
		await Promise.all(this.#runners.map((r) => r.close()));
	}
}
