/**
 * One address, one owner. A post's address comes from its file name (`tuan-2/rpc.md` → `/posts/rpc/`), so two files
 * can ask for the same one. The older file keeps it — by its first commit in the repository that holds the posts
 * folder, else by path — and the other is published at a free address derived from its path (`0/rpc.md` →
 * `/posts/0-rpc/`), with a warning that names both files. A new file can therefore never take the address of a post
 * already published, whatever its name sorts like.
 */
import { execFile } from 'node:child_process';
import { slugFromFileName } from '../text/slug.ts';

/** A file that asks for an address: its displayed path, its path inside the posts folder, and its name's slug. */
export interface Claim {
	file: string;
	/** Path relative to the posts folder, with `/` (`tuan-2/rpc.md`), as git prints it. */
	rel: string;
	slug: string;
}

/** A file that did not get the address its name asks for. */
export interface Moved {
	file: string;
	/** The address its name asks for. */
	wanted: string;
	/** The address it is given. */
	slug: string;
	/** The file that keeps `wanted`. */
	owner: string;
	/** Why the owner keeps it, e.g. `it was committed first (2025-05-11)`. */
	why: string;
}

const depth = (rel: string) => rel.split('/').length;

/** Path order: fewer folders first, then by code unit (the same on every machine), so `rpc.md` before `0/rpc.md`. */
export function pathOrder(a: string, b: string): number {
	return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Oldest first: files with a first commit by its time, then files not in git (they are newer than anything
 * committed), ties by path order.
 */
export function ageOrder(added: Map<string, number>): (a: Claim, b: Claim) => number {
	return (a, b) => {
		const ta = added.get(a.rel);
		const tb = added.get(b.rel);
		if (ta !== undefined && tb !== undefined && ta !== tb) return ta - tb;
		if ((ta === undefined) !== (tb === undefined)) return ta === undefined ? 1 : -1;
		return pathOrder(a.rel, b.rel);
	};
}

const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function whyOlder(owner: Claim, other: Claim, added: Map<string, number>): string {
	const to = added.get(owner.rel);
	const tm = added.get(other.rel);
	if (to !== undefined && tm !== undefined && to !== tm)
		return `it was committed first (${day(to)}, this file ${day(tm)})`;
	if (to !== undefined && tm === undefined) return 'it is in git and this file is not committed yet';
	return 'it comes first by path (fewer folders, then alphabetical)';
}

/** The addresses a file may take, best first: its name's slug, then one from its path, then that one numbered. */
function* candidates(claim: Claim): Generator<string> {
	yield claim.slug;
	const derived = slugFromFileName(claim.rel) || claim.slug;
	if (derived !== claim.slug) yield derived;
	for (let n = 2; ; n++) yield `${derived}-${n}`;
}

/**
 * Gives every file one address: oldest first, each takes the first free one of its candidates. Files that take no
 * page (drafts, unreadable files) still hold their address, so that publishing one later moves nobody.
 */
export function assignAddresses(
	claims: Claim[],
	added: Map<string, number> = new Map()
): {
	slugs: Map<string, string>;
	moved: Moved[];
} {
	const slugs = new Map<string, string>();
	const moved: Moved[] = [];
	const holder = new Map<string, Claim>();
	for (const claim of [...claims].sort(ageOrder(added))) {
		let slug = claim.slug;
		for (slug of candidates(claim)) if (!holder.has(slug)) break;
		holder.set(slug, claim);
		slugs.set(claim.file, slug);
		if (slug !== claim.slug) {
			const owner = holder.get(claim.slug)!;
			moved.push({ file: claim.file, wanted: claim.slug, slug, owner: owner.file, why: whyOlder(owner, claim, added) });
		}
	}
	return { slugs, moved };
}

/** Environment variables that would point git at another repository than the one holding the posts folder. */
const REDIRECTS = [
	'GIT_DIR',
	'GIT_WORK_TREE',
	'GIT_INDEX_FILE',
	'GIT_OBJECT_DIRECTORY',
	'GIT_ALTERNATE_OBJECT_DIRECTORIES',
	'GIT_COMMON_DIR',
	'GIT_NAMESPACE'
];

/** Reads `git log --reverse -z --name-status --format=%x01%ct` output: each path's first commit time, through renames. */
export function parseFirstAdded(out: string): Map<string, number> {
	const added = new Map<string, number>();
	const first = (path: string, time: number) => added.set(path, Math.min(added.get(path) ?? time, time));
	for (const commit of out.split('\x01')) {
		const end = commit.indexOf('\0');
		if (end < 0) continue;
		const time = Number(commit.slice(0, end));
		if (!Number.isFinite(time)) continue;
		const fields = commit
			.slice(end + 1)
			.replace(/^\n/, '')
			.split('\0');
		for (let i = 0; i < fields.length; i++) {
			const status = fields[i];
			if (status.startsWith('A')) first(fields[++i], time);
			else if (status.startsWith('R') || status.startsWith('C')) {
				const from = fields[++i];
				const to = fields[++i];
				// A moved file keeps the age of the file it was (a post moved into a week folder stays as old as it was).
				if (to !== undefined) first(to, added.get(from) ?? time);
			}
		}
	}
	return added;
}

/**
 * When each file of the posts folder was first committed (Unix seconds, by path relative to the folder), in one
 * `git log` pass over the folder. Empty when git is missing, the folder is not in a repository, or git takes too long.
 * The repository may be a student's: no hooks, no fsmonitor, no external diff or textconv command runs.
 */
export function firstAdded(dir: string, timeoutMs = 15_000): Promise<Map<string, number>> {
	const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
	for (const name of REDIRECTS) delete env[name];
	const args = [
		'-c',
		'core.hooksPath=/dev/null',
		'-c',
		'core.fsmonitor=false',
		'--no-pager',
		'log',
		'--reverse',
		'--no-ext-diff',
		'--no-textconv',
		'-M',
		'--diff-filter=ACR',
		'--name-status',
		'-z',
		'--relative',
		'--format=%x01%ct',
		'--',
		'.'
	];
	return new Promise((done) => {
		execFile(
			'git',
			args,
			{ cwd: dir, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
			(error, stdout) => done(error ? new Map() : parseFirstAdded(stdout))
		);
	});
}

/** Whether any two files ask for the same address (only then is git asked anything). */
export const collides = (claims: Claim[]) => new Set(claims.map((c) => c.slug)).size < claims.length;
