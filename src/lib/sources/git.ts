/**
 * Runs git on a student's repository as on untrusted input: never through a shell, with hooks off, only the https,
 * ssh, git and file transports, no prompts, no LFS downloads, no background maintenance, and a deadline after which
 * git and everything it started are killed.
 */
import { spawn } from 'node:child_process';

/** `-c` settings given to every git command that touches a source. */
export const SAFE_CONFIG = [
	'core.hooksPath=/dev/null',
	'core.fsmonitor=false',
	'protocol.allow=never',
	'protocol.https.allow=always',
	'protocol.ssh.allow=always',
	'protocol.git.allow=always',
	'protocol.file.allow=always',
	'transfer.bundleURI=false',
	'submodule.recurse=false',
	'fetch.recurseSubmodules=false',
	'gc.auto=0',
	'maintenance.auto=false',
	'fetch.writeCommitGraph=false',
	'advice.detachedHead=false'
].flatMap((setting) => ['-c', setting]);

/** Variables that would point git at another repository than the one it is given. */
const LOCATING =
	/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|QUARANTINE_PATH|REPLACE_REF_BASE|GRAFT_FILE|SHALLOW_FILE)$/;

/** The environment git runs in: the caller's, less what locates a repository, plus no prompts and no LFS. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(base)) if (!LOCATING.test(key)) env[key] = value;
	env.GIT_TERMINAL_PROMPT = '0';
	env.GIT_LFS_SKIP_SMUDGE = '1';
	env.GCM_INTERACTIVE = 'never';
	// messages read by failureReason are git's English ones
	env.LC_ALL = 'C';
	env.LANGUAGE = 'C';
	if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
	return env;
}

/** A git command that failed: its exit code (or the deadline) and what it said. */
export class GitError extends Error {
	constructor(
		readonly args: string[],
		readonly code: number | null,
		readonly stderr: string,
		readonly timedOut: boolean
	) {
		super(
			timedOut
				? `git ${args[0]} ran out of time`
				: `git ${args[0]} failed (${code}): ${stderr.trim().split('\n').pop() ?? ''}`
		);
	}
}

export interface RunOptions {
	cwd?: string;
	/** Epoch milliseconds after which git is killed. */
	deadline: number;
	/** Written to git's standard input, then closed. */
	input?: string;
	/** Receives standard output as it comes (then `stdout` in the result is empty). */
	onStdout?: (chunk: Buffer) => void;
	/** Standard output kept at most (git is killed past it). */
	maxBuffer?: number;
}

/** Runs `git <SAFE_CONFIG> <args>`; resolves with its output, rejects with a GitError. */
export function git(args: string[], options: RunOptions): Promise<Buffer> {
	const remaining = options.deadline - Date.now();
	if (remaining <= 0) return Promise.reject(new GitError(args, null, '', true));
	return new Promise((resolve, reject) => {
		// detached: git's own children (remote helpers, index-pack) are in its process group, killed with it
		const child = spawn('git', [...SAFE_CONFIG, ...args], {
			cwd: options.cwd,
			env: gitEnv(),
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true
		});
		const chunks: Buffer[] = [];
		let size = 0;
		let stderr = '';
		let timedOut = false;
		let overflow = false;
		const kill = () => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		};
		const timer = setTimeout(() => {
			timedOut = true;
			kill();
		}, remaining);
		child.stdout.on('data', (chunk: Buffer) => {
			if (options.onStdout) {
				try {
					options.onStdout(chunk);
				} catch (error) {
					stderr += `\n${(error as Error).message}`;
					overflow = true;
					kill();
				}
				return;
			}
			size += chunk.length;
			if (size > (options.maxBuffer ?? 64 * 1024 * 1024)) {
				overflow = true;
				kill();
				return;
			}
			chunks.push(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
		});
		child.stdin.on('error', () => {
			// git may exit before reading all its input; its exit code says what happened
		});
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(new GitError(args, null, error.message, false));
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			if (code === 0 && !timedOut && !overflow) resolve(Buffer.concat(chunks));
			else reject(new GitError(args, code, overflow ? `${stderr}\noutput over its bound` : stderr, timedOut));
		});
		child.stdin.end(options.input ?? '');
	});
}

/**
 * Why a fetch failed, in words a teacher can act on, and what to do. Reads git's English messages (LC_ALL=C).
 */
export function failureReason(error: unknown, timeLimitMs: number): { saw: string; fix: string } {
	if (error instanceof GitError) {
		const text = error.stderr;
		if (error.timedOut)
			return {
				saw: `no answer within ${Math.round(timeLimitMs / 1000)} s`,
				fix: 'check that the repository is reachable, or allow more time for this source'
			};
		if (
			/could not read (Username|Password)|terminal prompts disabled|Authentication failed|Permission denied \(publickey/i.test(
				text
			)
		)
			return {
				saw: 'a private repository (git asked for a password or a key)',
				fix: 'ask the student to make the repository public, or give the build access to it'
			};
		if (
			/repository '[^'\n]*' not found|Repository not found|does not appear to be a git repository|not a git repository|No such file or directory/i.test(
				text
			)
		)
			return {
				saw: 'no repository at that address',
				fix: 'check the address in the class file (the student may have renamed or deleted the repository)'
			};
		if (
			/missing (blob|tree|object)|bad object|did not send all necessary objects|unable to read [0-9a-f]{40}|unresolved deltas|remote did not send all/i.test(
				text
			)
		)
			return {
				saw: "objects missing from the repository's history (a clone cannot complete)",
				fix: 'ask the student to push a fresh copy of their files to a new repository'
			};
		if (
			/Could not resolve host|unable to access|Connection (refused|timed out|reset)|Network is unreachable/i.test(text)
		)
			return { saw: 'the host cannot be reached', fix: 'check the address and the network, then fetch again' };
		if (/transport '[^'\n]*' not allowed/i.test(text))
			return { saw: 'a transport the build does not allow', fix: 'use an https://, ssh:// or git:// address' };
		const last = text.trim().split('\n').filter(Boolean).pop();
		return {
			saw: last ? `git's error "${last.slice(0, 200)}"` : `git exiting with code ${error.code}`,
			fix: 'check the address in the class file, then run npm run sources to try again'
		};
	}
	return {
		saw: `an error (${(error as Error)?.message ?? String(error)})`,
		fix: 'run npm run sources to try again; report it if it stays'
	};
}
