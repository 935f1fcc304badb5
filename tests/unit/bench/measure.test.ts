import { describe, expect, it } from 'vitest';
import { parseRssFromStatus, processTree, runMeasured } from '../../../bench/measure';

const STATUS = `Name:\tnode
Umask:\t0022
State:\tS (sleeping)
Pid:\t4242
PPid:\t1
VmPeak:\t 1234568 kB
VmSize:\t 1200000 kB
VmHWM:\t  250000 kB
VmRSS:\t  204800 kB
RssAnon:\t  200000 kB
Threads:\t11
`;

describe('parseRssFromStatus', () => {
	it('reads VmRSS in kB as bytes', () => {
		expect(parseRssFromStatus(STATUS)).toBe(204800 * 1024);
	});

	it('gives 0 when there is no VmRSS line, as for kernel threads and zombies', () => {
		expect(parseRssFromStatus('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBe(0);
		expect(parseRssFromStatus('')).toBe(0);
	});

	it('does not mistake VmHWM or RssAnon for VmRSS', () => {
		expect(parseRssFromStatus('VmHWM:\t 999 kB\nRssAnon:\t 5 kB\nVmRSS:\t 7 kB\n')).toBe(7 * 1024);
	});
});

describe('processTree', () => {
	it('includes the process itself', () => {
		expect(processTree(process.pid)).toContain(process.pid);
	});
});

describe('runMeasured', () => {
	it('reports the peak RSS of a process that allocates 200 MB', async () => {
		const r = await runMeasured('node', ['-e', 'const a=Buffer.alloc(200e6,1);setTimeout(()=>{},300)'], process.env);
		expect(r.code).toBe(0);
		expect(r.peakRssBytes).toBeGreaterThan(150e6);
		expect(r.seconds).toBeGreaterThan(0.3);
	});

	it('counts grandchildren, captures output and passes the exit code through', async () => {
		const script = 'node -e "const a=Buffer.alloc(200e6,1);setTimeout(()=>{},300)"; echo done; echo oops >&2; exit 3';
		const r = await runMeasured('bash', ['-c', script], process.env);
		expect(r.code).toBe(3);
		expect(r.peakRssBytes).toBeGreaterThan(150e6);
		expect(r.output).toContain('done');
		expect(r.output).toContain('oops');
	});

	it('passes the environment it is given', async () => {
		const r = await runMeasured('node', ['-e', 'process.stdout.write(process.env.BENCH_X ?? "")'], {
			...process.env,
			BENCH_X: 'xin chào'
		});
		expect(r.output).toBe('xin chào');
	});

	it('rejects when the command does not exist', async () => {
		await expect(runMeasured('/nonexistent/bench-cmd', [], process.env)).rejects.toThrow();
	});
});
