import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { isMain } from '../scripts/main';

const SAMPLE_MS = 100;

/** Resident set size in bytes from the text of `/proc/<pid>/status` (its `VmRSS` line), or 0 when absent. */
export function parseRssFromStatus(statusText: string): number {
	const m = /^VmRSS:\s*(\d+)\s*kB/m.exec(statusText);
	return m ? Number(m[1]) * 1024 : 0;
}

// The parent pid from /proc/<pid>/stat; the command name may hold spaces and ')' so parse after the last ')'.
function parentOf(stat: string): number {
	const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(rest[1]);
}

const read = (path: string) => {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		// The process exited between listing and reading.
		return '';
	}
};

/** Pids of `root` and all its descendants, found by scanning /proc (works without CONFIG_PROC_CHILDREN). */
export function processTree(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = read(`/proc/${name}/stat`);
		if (!stat) continue;
		const ppid = parentOf(stat);
		const list = children.get(ppid);
		if (list) list.push(Number(name));
		else children.set(ppid, [Number(name)]);
	}
	const out: number[] = [];
	const stack = [root];
	while (stack.length) {
		const pid = stack.pop()!;
		out.push(pid);
		stack.push(...(children.get(pid) ?? []));
	}
	return out;
}

/** Summed RSS in bytes of `root` and its descendants right now; shared pages count once per process. */
export function treeRss(root: number): number {
	let total = 0;
	for (const pid of processTree(root)) total += parseRssFromStatus(read(`/proc/${pid}/status`));
	return total;
}

/**
 * Runs a command to completion and reports wall time, the peak summed RSS of its process tree (sampled every 100 ms),
 * its exit code (128 + signal number when killed) and its stdout and stderr interleaved.
 */
export async function runMeasured(
	cmd: string,
	args: string[],
	env: NodeJS.ProcessEnv
): Promise<{ seconds: number; peakRssBytes: number; code: number; output: string }> {
	const start = performance.now();
	const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const chunks: Buffer[] = [];
	child.stdout.on('data', (c: Buffer) => chunks.push(c));
	child.stderr.on('data', (c: Buffer) => chunks.push(c));

	let peak = 0;
	const sample = () => {
		if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
			peak = Math.max(peak, treeRss(child.pid));
	};
	const timer = setInterval(sample, SAMPLE_MS);

	try {
		const code = await new Promise<number>((done, fail) => {
			child.once('error', fail);
			// 'close' waits for the pipes too, so the output is complete.
			child.once('close', (code, signal) => done(code ?? (signal ? 128 + constants.signals[signal] : 1)));
		});
		return {
			seconds: (performance.now() - start) / 1000,
			peakRssBytes: peak,
			code,
			output: Buffer.concat(chunks).toString('utf8')
		};
	} finally {
		clearInterval(timer);
	}
}

if (isMain(import.meta.url)) {
	const [cmd, ...args] = process.argv.slice(2).filter((a, i) => i > 0 || a !== '--');
	if (!cmd) {
		console.error('usage: npx tsx bench/measure.ts [--] CMD [ARGS...]');
		process.exit(2);
	}
	const r = await runMeasured(cmd, args, process.env);
	process.stdout.write(r.output);
	console.log(
		`measure: ${r.seconds.toFixed(2)} s, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB, exit ${r.code}`
	);
	process.exit(r.code);
}
