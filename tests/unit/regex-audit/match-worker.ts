/**
 * Runs regexes over 2 MB adversarial strings in a worker thread, reporting each input before it starts, so that a
 * regex that never finishes is stopped (the worker terminated) and named with the input it was reading, instead of
 * hanging the test run. Written as plain JavaScript, evaluated by the worker as it is.
 */
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
parentPort.on('message', ({ id, source, flags, attacks }) => {
	const all = [...inputs, ...attacks.map((a, i) => ['attack ' + (i + 1), attackInput(a)])];
	for (const [name, input] of all) {
		parentPort.postMessage({ id, started: name });
		// replace walks every match of a global regex, and runs one search of any other.
		input.replace(new RegExp(source, flags), '');
	}
	parentPort.postMessage({ id, done: true });
});
`;

/** A worker that runs one regex at a time; `run` resolves with the input it was stuck on, or undefined when done. */
export class MatchRunner {
	#worker: Worker | undefined;
	#next = 0;

	#start(): Worker {
		this.#worker ??= new Worker(WORKER, { eval: true, workerData: { size: INPUT_SIZE, units: UNITS } });
		return this.#worker;
	}

	run(source: string, flags: string, attacks: Attack[], deadline: number): Promise<string | undefined> {
		const worker = this.#start();
		const id = this.#next++;
		return new Promise((resolve, reject) => {
			let current = 'setting up the inputs';
			const timer = setTimeout(() => {
				worker.off('message', listen);
				worker.off('error', reject);
				void worker.terminate();
				this.#worker = undefined;
				resolve(current);
			}, deadline);
			const listen = (m: { id: number; started?: string; done?: boolean }) => {
				if (m.id !== id) return;
				if (m.started) current = m.started;
				if (m.done) {
					clearTimeout(timer);
					worker.off('message', listen);
					worker.off('error', reject);
					resolve(undefined);
				}
			};
			worker.on('message', listen);
			worker.on('error', reject);
			worker.postMessage({ id, source, flags, attacks });
		});
	}

	async close(): Promise<void> {
		await this.#worker?.terminate();
		this.#worker = undefined;
	}
}
