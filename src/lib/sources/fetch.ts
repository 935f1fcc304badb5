/**
 * Fetches every student's source into the cache (`.cache/course-notes/sources/<slug>/`) and materialises the files
 * that matter (Markdown, pictures, static files) into a read-only tree per student, `<slug>/tree/`:
 *
 * - a git URL, a local repository or a bundle is cloned once (`repo/`, a partial clone for remote URLs: the whole
 *   history for dates, blobs only when needed), then fetched on later builds; no checkout ever runs: the files are
 *   read with `ls-tree` and `cat-file --batch` and written by this module, so no hook, filter or symlink of the
 *   source applies;
 * - a plain local folder is copied the same way, never following a link.
 *
 * Bounded: files written, bytes per file and per source, a time limit per source. A source that fails is a warning
 * naming the student; its last fetched copy is used if there is one, otherwise it is left out. Every other student
 * is unaffected. Several sources are fetched at once.
 */
import { randomBytes } from 'node:crypto';
import {
	closeSync,
	constants,
	existsSync,
	fstatSync,
	mkdirSync,
	openSync,
	readFileSync,
	readSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Problem } from '../content/problems.ts';
import { mapLimit } from '../content/map-limit.ts';
import { workPaths } from '../content/paths.ts';
import type { Student } from './class-file.ts';
import { GitError, failureReason, git } from './git.ts';
import { planLayout, postsByName, readLayout, type LayoutPlan, type SkipReason, type SourceLayout } from './layout.ts';

export interface FetchOptions {
	/** Project root (the cache is under it). */
	root?: string;
	/** Where the sources are kept; default `.cache/course-notes/sources` under the root. */
	cacheDir?: string;
	/** The class file as shown in problems, e.g. `lop.yaml`. */
	classFile?: string;
	/** Per source, for every git command together. Default 120 s. */
	timeLimitMs?: number;
	/** Sources fetched at once. Default 4. */
	concurrency?: number;
	/** Files written per source at most. Default 5000. */
	maxFiles?: number;
	/** Bytes per file at most. Default 5 MB. */
	maxFileBytes?: number;
	/** Bytes per source at most. Default 200 MB. */
	maxSourceBytes?: number;
}

/** What happened to one student's source. */
export interface SourceResult {
	student: Student;
	/**
	 * `fetched`: new files were materialised; `unchanged`: the same commit as last time (nothing written);
	 * `cached`: the fetch failed and the last fetched copy is used; `failed`: nothing to use, the student is left out.
	 */
	status: 'fetched' | 'unchanged' | 'cached' | 'failed';
	/** The source's posts and static folder; undefined when it failed with no copy to fall back on. */
	layout?: SourceLayout;
	branch?: string;
	commit?: string;
	/** Posts (paths relative to the tree) that the last fetch did not have. */
	newPosts: string[];
	problems: Problem[];
}

const DEFAULTS = {
	timeLimitMs: 120_000,
	concurrency: 4,
	maxFiles: 5000,
	maxFileBytes: 5 * 1024 * 1024,
	maxSourceBytes: 200 * 1024 * 1024
};
/** Entries of a listing read at most (a tree of a million files is refused rather than read). */
const MAX_LISTING = 200_000;

type Settings = typeof DEFAULTS & { cacheDir: string; classFile: string };

/** What the cache remembers of a source's last fetch. */
interface State {
	version: 1;
	repo: string;
	branch?: string;
	commit?: string;
	plan: LayoutPlan;
	skipped: Partial<Record<SkipReason, number>>;
	posts: string[];
	bounds: string;
	fetchedAt: string;
}

/** The cache folder of the sources. */
export const sourcesCache = (root = process.cwd()) => join(workPaths(root).cache, 'sources');

/** Fetches every student's source, a few at once; never throws for a source (its failure is in its result). */
export function fetchSources(students: Student[], options: FetchOptions = {}): Promise<SourceResult[]> {
	const settings = settingsOf(options);
	return mapLimit(students, Math.max(1, settings.concurrency), (student) => fetchOne(student, settings));
}

/** Fetches one student's source. */
export function fetchSource(student: Student, options: FetchOptions = {}): Promise<SourceResult> {
	return fetchOne(student, settingsOf(options));
}

function settingsOf(options: FetchOptions): Settings {
	const root = options.root ?? process.cwd();
	return {
		timeLimitMs: options.timeLimitMs ?? DEFAULTS.timeLimitMs,
		concurrency: options.concurrency ?? DEFAULTS.concurrency,
		maxFiles: options.maxFiles ?? DEFAULTS.maxFiles,
		maxFileBytes: options.maxFileBytes ?? DEFAULTS.maxFileBytes,
		maxSourceBytes: options.maxSourceBytes ?? DEFAULTS.maxSourceBytes,
		cacheDir: options.cacheDir ?? sourcesCache(root),
		classFile: options.classFile ?? 'lop.yaml'
	};
}

const temp = (path: string) => `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
const bounds = (s: Settings) => `${s.maxFiles}/${s.maxFileBytes}/${s.maxSourceBytes}`;

function readState(file: string): State | undefined {
	try {
		const state = JSON.parse(readFileSync(file, 'utf8')) as State;
		return state.version === 1 && state.plan ? state : undefined;
	} catch {
		return undefined;
	}
}

/** What a local path is: a bundle, a git repository, or a plain folder. Read from the file system, never with git. */
function localKind(path: string): 'bundle' | 'repository' | 'folder' {
	const stat = statSync(path);
	if (stat.isFile()) {
		const head = Buffer.alloc(16);
		const fd = openSync(path, 'r');
		try {
			readSync(fd, head, 0, 16, 0);
		} finally {
			closeSync(fd);
		}
		if (/^# v[23] git bundle/.test(head.toString('latin1')) || path.endsWith('.bundle')) return 'bundle';
		throw Object.assign(new Error('a file that is not a git bundle'), { code: 'NOTBUNDLE' });
	}
	if (existsSync(join(path, '.git'))) return 'repository';
	if (existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects')) && existsSync(join(path, 'refs')))
		return 'repository';
	return 'folder';
}

async function fetchOne(student: Student, s: Settings): Promise<SourceResult> {
	const dir = join(s.cacheDir, student.slug);
	const stateFile = join(dir, 'state.json');
	const tree = join(dir, 'tree');
	const previous = readState(stateFile);
	const problems: Problem[] = [];
	const deadline = Date.now() + s.timeLimitMs;
	try {
		mkdirSync(dir, { recursive: true });
		const address = student.kind === 'local' ? student.path! : student.repo;
		let kind: 'bundle' | 'repository' | 'folder' | 'remote' = 'remote';
		if (student.kind === 'local') {
			try {
				kind = localKind(address);
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				throw new SourceError(
					code === 'ENOENT'
						? 'no file or folder at that path'
						: code === 'NOTBUNDLE'
							? 'a file that is not a git bundle'
							: `a path that cannot be read (${code})`,
					code === 'ENOENT'
						? "check the path in the class file (it is read from the class file's folder)"
						: 'give a folder, a git repository or a .bundle file'
				);
			}
		}
		let written: Written;
		let branch: string | undefined;
		let commit: string | undefined;
		if (kind === 'folder') {
			written = copyFolder(address, s, deadline);
		} else {
			const repo = await ensureClone(join(dir, 'repo'), address, kind, s, deadline);
			const chosen = await chooseBranch(repo, student, deadline, s.classFile);
			problems.push(...chosen.problems);
			branch = chosen.branch;
			commit = chosen.commit;
			if (
				previous &&
				previous.commit === commit &&
				previous.repo === student.repo &&
				previous.bounds === bounds(s) &&
				existsSync(tree)
			) {
				const layout = readLayout(tree, previous.plan, previous.skipped);
				problems.push(...previousSkips(student, previous));
				return { student, status: 'unchanged', layout, branch, commit, newPosts: [], problems };
			}
			written = await materialise(repo, commit, kind === 'remote', s, deadline);
		}
		// the new tree replaces the old one only when complete
		const old = existsSync(tree) ? temp(tree) : undefined;
		if (old) renameSync(tree, old);
		renameSync(written.dir, tree);
		if (old) rmSync(old, { recursive: true, force: true });
		const layout = readLayout(tree, written.plan, written.skipped);
		problems.push(...skipProblems(student, written.skippedFiles));
		const posts = layout.posts.map((abs) => abs.slice(tree.length + 1));
		const known = new Set(previous?.posts ?? []);
		const state: State = {
			version: 1,
			repo: student.repo,
			...(branch ? { branch } : {}),
			...(commit ? { commit } : {}),
			plan: written.plan,
			skipped: written.skipped,
			posts,
			bounds: bounds(s),
			fetchedAt: new Date().toISOString()
		};
		writeFileSync(stateFile, JSON.stringify(state));
		return {
			student,
			status: 'fetched',
			layout,
			...(branch ? { branch } : {}),
			...(commit ? { commit } : {}),
			newPosts: posts.filter((p) => !known.has(p)),
			problems
		};
	} catch (error) {
		const { saw, fix } =
			error instanceof SourceError ? { saw: error.saw, fix: error.fix } : failureReason(error, s.timeLimitMs);
		const fallback = previous && existsSync(tree);
		problems.push({
			severity: 'warning',
			file: s.classFile,
			line: student.lines.repo ?? student.line,
			field: 'repo',
			message: `${student.name}: expected a repository the build can fetch, saw ${saw} at ${JSON.stringify(student.repo)}; ${
				fallback ? `using the copy fetched on ${previous.fetchedAt.slice(0, 10)}` : 'left out (never fetched)'
			}`,
			fix
		});
		if (!fallback) return { student, status: 'failed', newPosts: [], problems };
		const layout = readLayout(tree, previous.plan, previous.skipped);
		return {
			student,
			status: 'cached',
			layout,
			...(previous.branch ? { branch: previous.branch } : {}),
			...(previous.commit ? { commit: previous.commit } : {}),
			newPosts: [],
			problems
		};
	}
}

/** A failure described for the teacher directly (not from git's output). */
class SourceError extends Error {
	constructor(
		readonly saw: string,
		readonly fix: string
	) {
		super(saw);
	}
}

/** The clone in the cache, made or brought up to date. A clone of another address is made again. */
async function ensureClone(
	repo: string,
	address: string,
	kind: 'bundle' | 'repository' | 'remote',
	s: Settings,
	deadline: number
): Promise<string> {
	if (existsSync(join(repo, '.git'))) {
		let url = '';
		try {
			url = (await git(['config', '--get', 'remote.origin.url'], { cwd: repo, deadline })).toString().trim();
		} catch {
			// a broken clone: made again below
		}
		if (url === address) {
			await git(['fetch', '--prune', '--no-tags', '--no-recurse-submodules', '--quiet', 'origin'], {
				cwd: repo,
				deadline
			});
			try {
				await git(['remote', 'set-head', 'origin', '--auto'], { cwd: repo, deadline });
			} catch {
				// the default branch stays as it was
			}
			return repo;
		}
	}
	const fresh = temp(repo);
	const args = ['clone', '--no-checkout', '--no-recurse-submodules', '--quiet'];
	// a partial clone for remote addresses; local ones cannot filter (and are cheap to copy whole)
	if (kind === 'remote') args.push('--filter=blob:none');
	// --no-local: the repository is read through git's transport, never by copying or linking its files
	if (kind === 'repository') args.push('--no-local');
	args.push('--', address, fresh);
	try {
		await git(args, { cwd: dirname(repo), deadline });
	} catch (error) {
		rmSync(fresh, { recursive: true, force: true });
		throw error;
	}
	rmSync(repo, { recursive: true, force: true });
	renameSync(fresh, repo);
	return repo;
}

/** Branches of the clone's origin, and its default branch. */
async function branches(repo: string, deadline: number): Promise<{ all: string[]; head?: string }> {
	const out = (
		await git(['for-each-ref', '--format=%(refname)', 'refs/remotes/origin/'], { cwd: repo, deadline })
	).toString();
	const all = out
		.split('\n')
		.filter(Boolean)
		.map((ref) => ref.slice('refs/remotes/origin/'.length))
		.filter((name) => name !== 'HEAD');
	let head: string | undefined;
	try {
		const target = (await git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { cwd: repo, deadline }))
			.toString()
			.trim();
		head = target.startsWith('refs/remotes/origin/') ? target.slice('refs/remotes/origin/'.length) : undefined;
	} catch {
		// no default branch recorded
	}
	return { all, head };
}

async function commitOf(repo: string, branch: string, deadline: number): Promise<string> {
	return (
		await git(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}^{commit}`], { cwd: repo, deadline })
	)
		.toString()
		.trim();
}

async function namesAt(repo: string, commit: string, deadline: number): Promise<string[]> {
	const out = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit], {
		cwd: repo,
		deadline
	});
	return out.toString('utf8').split('\0').filter(Boolean);
}

/**
 * The branch to read: the class file's, else the default one; when the default branch has no posts and another
 * branch has, that one (the student keeps their posts there), with a warning that says so.
 */
async function chooseBranch(
	repo: string,
	student: Student,
	deadline: number,
	classFile: string
): Promise<{ branch: string; commit: string; problems: Problem[] }> {
	const { all, head } = await branches(repo, deadline);
	if (!all.length)
		throw new SourceError('a repository with no branches (nothing was pushed)', 'ask the student to push their posts');
	if (student.branch) {
		if (!all.includes(student.branch))
			throw new SourceError(
				`no branch ${JSON.stringify(student.branch)} (its branches: ${all.slice(0, 10).join(', ')})`,
				`write one of its branches after "branch:" in the class file, or remove the line to use the default branch`
			);
		return { branch: student.branch, commit: await commitOf(repo, student.branch, deadline), problems: [] };
	}
	const first =
		head && all.includes(head) ? head : all.includes('main') ? 'main' : all.includes('master') ? 'master' : all[0];
	const commit = await commitOf(repo, first, deadline);
	if (postsByName(await namesAt(repo, commit, deadline)) > 0 || all.length === 1)
		return { branch: first, commit, problems: [] };
	let best: { branch: string; commit: string; posts: number } | undefined;
	const others = all
		.filter((b) => b !== first)
		.sort((a, b) => Number(b === 'master' || b === 'main') - Number(a === 'master' || a === 'main') || (a < b ? -1 : 1))
		.slice(0, 20);
	for (const branch of others) {
		const c = await commitOf(repo, branch, deadline);
		const posts = postsByName(await namesAt(repo, c, deadline));
		if (posts > (best?.posts ?? 0)) best = { branch, commit: c, posts };
	}
	if (!best) return { branch: first, commit, problems: [] };
	return {
		branch: best.branch,
		commit: best.commit,
		problems: [
			{
				severity: 'warning',
				file: classFile,
				line: student.line,
				field: 'branch',
				message: `${student.name}: expected posts on the default branch ${JSON.stringify(first)}, saw none there and ${best.posts} on ${JSON.stringify(best.branch)}; using ${JSON.stringify(best.branch)}`,
				fix: `add "branch: ${best.branch}" to this student in the class file to say so`
			}
		]
	};
}

/** A tree written into a fresh folder, with what was not written. */
interface Written {
	dir: string;
	plan: LayoutPlan;
	skipped: Partial<Record<SkipReason, number>>;
	skippedFiles: { path: string; reason: SkipReason; detail?: string }[];
}

/** Why a path from a source may not be written, if it may not. */
export function unsafePath(path: string): string | undefined {
	// eslint-disable-next-line no-control-regex -- control characters are what this refuses
	if (/[\u0000-\u001f\u007f]/.test(path)) return 'a control character';
	if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'an absolute path';
	if (path.includes('\\')) return 'a backslash';
	const parts = path.split('/');
	if (parts.some((p) => p === '..' || p === '.' || p === '')) return 'a ".." or empty part';
	if (parts.some((p) => p.toLowerCase() === '.git')) return 'a ".git" folder';
	return undefined;
}

/** Posts first, then Markdown to recognise, then pictures and static files: what a bound cuts off last matters least. */
const wanted = (plan: LayoutPlan) => [...plan.posts, ...plan.otherMarkdown, ...plan.assets];

function newWritten(dir: string, plan: LayoutPlan): Written {
	return { dir, plan, skipped: {}, skippedFiles: [] };
}

function skip(w: Written, path: string, reason: SkipReason, detail?: string) {
	w.skipped[reason] = (w.skipped[reason] ?? 0) + 1;
	w.skippedFiles.push({ path, reason, ...(detail ? { detail } : {}) });
}

function writeReadOnly(root: string, rel: string, bytes: Uint8Array) {
	const abs = join(root, rel);
	mkdirSync(dirname(abs), { recursive: true });
	// wx: a second entry with the same name (a crafted tree) never replaces the first
	writeFileSync(abs, bytes, { flag: 'wx', mode: 0o444 });
}

/** Reads the commit's tree with ls-tree and cat-file and writes the files that matter, within the bounds. */
async function materialise(
	repo: string,
	commit: string,
	partial: boolean,
	s: Settings,
	deadline: number
): Promise<Written> {
	const listing = await git(['ls-tree', '-r', '-z', '--full-tree', commit], {
		cwd: repo,
		deadline,
		maxBuffer: 256 * 1024 * 1024
	});
	const entries = new Map<string, { mode: string; type: string; oid: string }>();
	const unsafe: { path: string; why: string }[] = [];
	let count = 0;
	for (const record of listing.toString('utf8').split('\0')) {
		if (!record) continue;
		if (++count > MAX_LISTING)
			throw new SourceError(
				`a tree of more than ${MAX_LISTING} files`,
				'ask the student to remove generated files (node_modules/, build/) from the repository'
			);
		const tab = record.indexOf('\t');
		const [mode, type, oid] = record.slice(0, tab).split(' ');
		const path = record.slice(tab + 1);
		const why = unsafePath(path);
		if (why) unsafe.push({ path, why });
		else entries.set(path, { mode, type, oid });
	}
	const plan = planLayout([...entries.keys()]);
	const dir = temp(join(repo, '..', 'tree'));
	mkdirSync(dir, { recursive: true });
	const w = newWritten(dir, plan);
	for (const { path, why } of unsafe) skip(w, path, 'unsafe-name', why);
	try {
		const blobs: { path: string; oid: string }[] = [];
		for (const path of wanted(plan)) {
			const entry = entries.get(path)!;
			if (entry.mode === '120000') skip(w, path, 'symlink');
			else if (entry.type === 'commit') skip(w, path, 'submodule');
			else if (entry.type !== 'blob') continue;
			else if (blobs.length >= s.maxFiles) skip(w, path, 'too-many-files');
			else blobs.push({ path, oid: entry.oid });
		}
		if (partial && blobs.length) await prefetch(repo, commit, blobs, deadline);
		const sizes = await batchCheck(
			repo,
			blobs.map((b) => b.oid),
			deadline
		);
		let total = 0;
		const chosen: { path: string; oid: string; size: number }[] = [];
		for (const blob of blobs) {
			const size = sizes.get(blob.oid);
			if (size === undefined) skip(w, blob.path, 'missing-blob');
			else if (size > s.maxFileBytes) skip(w, blob.path, 'too-large', `${size} bytes`);
			else if (total + size > s.maxSourceBytes) skip(w, blob.path, 'source-too-large');
			else {
				total += size;
				chosen.push({ ...blob, size });
			}
		}
		await catFiles(repo, chosen, deadline, (path, bytes) => writeReadOnly(dir, path, bytes));
		return w;
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/** Fetches, in one request, the blobs a partial clone does not have yet (git would otherwise fetch them one by one). */
async function prefetch(repo: string, commit: string, blobs: { oid: string }[], deadline: number) {
	const out = await git(['rev-list', '--objects', '--missing=print', '--no-walk', commit], {
		cwd: repo,
		deadline,
		maxBuffer: 256 * 1024 * 1024
	});
	const missing = new Set(
		out
			.toString()
			.split('\n')
			.filter((line) => line.startsWith('?'))
			.map((line) => line.slice(1).trim())
	);
	const needed = [...new Set(blobs.map((b) => b.oid).filter((oid) => missing.has(oid)))];
	if (!needed.length) return;
	await git(
		[
			'-c',
			'fetch.negotiationAlgorithm=noop',
			'fetch',
			'origin',
			'--no-tags',
			'--no-write-fetch-head',
			'--recurse-submodules=no',
			'--filter=blob:none',
			'--stdin'
		],
		{ cwd: repo, deadline, input: needed.join('\n') + '\n' }
	);
}

/** Sizes of the objects that are present (a missing one is left out of the map). */
async function batchCheck(repo: string, oids: string[], deadline: number): Promise<Map<string, number>> {
	const sizes = new Map<string, number>();
	if (!oids.length) return sizes;
	const out = await git(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], {
		cwd: repo,
		deadline,
		input: oids.join('\n') + '\n'
	});
	for (const line of out.toString().split('\n')) {
		const [oid, type, size] = line.split(' ');
		if (type === 'blob') sizes.set(oid, Number(size));
	}
	return sizes;
}

/** Streams the blobs out of `cat-file --batch`, handing each one over as soon as it is complete. */
async function catFiles(
	repo: string,
	blobs: { path: string; oid: string; size: number }[],
	deadline: number,
	write: (path: string, bytes: Uint8Array) => void
) {
	if (!blobs.length) return;
	let index = 0;
	let pending: Buffer = Buffer.alloc(0);
	let need: number | undefined;
	const onStdout = (chunk: Buffer) => {
		pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		for (;;) {
			if (need === undefined) {
				const nl = pending.indexOf(10);
				if (nl < 0) return;
				const header = pending.subarray(0, nl).toString();
				pending = pending.subarray(nl + 1);
				const [, type, size] = header.split(' ');
				if (type !== 'blob') throw new Error(`unexpected cat-file answer "${header}"`);
				need = Number(size);
			}
			if (pending.length < need + 1) return;
			const bytes = Buffer.from(pending.subarray(0, need));
			pending = pending.subarray(need + 1);
			need = undefined;
			const blob = blobs[index++];
			if (!blob) throw new Error('more answers from cat-file than questions');
			write(blob.path, bytes);
		}
	};
	await git(['cat-file', '--batch'], {
		cwd: repo,
		deadline,
		input: blobs.map((b) => b.oid).join('\n') + '\n',
		onStdout
	});
	if (index !== blobs.length) throw new GitError(['cat-file'], 0, 'cat-file answered fewer objects than asked', false);
}

/** Copies a plain folder's files that matter into a fresh tree, never following a link, within the bounds. */
function copyFolder(source: string, s: Settings, deadline: number): Written {
	const files: string[] = [];
	const links: string[] = [];
	const strange: string[] = [];
	let count = 0;
	const walk = (dir: string, rel: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (++count > MAX_LISTING)
				throw new SourceError(
					`a folder of more than ${MAX_LISTING} files`,
					'point the class file at the folder of posts'
				);
			if (Date.now() > deadline) throw new GitError(['copy'], null, '', true);
			const path = rel ? `${rel}/${entry.name}` : entry.name;
			if (entry.isSymbolicLink()) links.push(path);
			else if (entry.isDirectory()) {
				if (entry.name === '.git') continue;
				walk(join(dir, entry.name), path);
			} else if (entry.isFile()) files.push(path);
			else strange.push(path);
		}
	};
	walk(source, '');
	const unsafe = new Map<string, string>();
	for (const path of [...files, ...links]) {
		const why = unsafePath(path);
		if (why) unsafe.set(path, why);
	}
	const plan = planLayout([...files, ...links].filter((p) => !unsafe.has(p)).sort());
	const dir = temp(join(s.cacheDir, '.folder'));
	mkdirSync(dir, { recursive: true });
	const w = newWritten(dir, plan);
	for (const [path, why] of unsafe) skip(w, path, 'unsafe-name', why);
	const linkSet = new Set(links);
	let written = 0;
	let total = 0;
	try {
		for (const path of wanted(plan)) {
			if (linkSet.has(path)) {
				skip(w, path, 'symlink');
				continue;
			}
			if (written >= s.maxFiles) {
				skip(w, path, 'too-many-files');
				continue;
			}
			// O_NOFOLLOW: a file swapped for a link after the walk is refused, not followed
			let fd: number;
			try {
				fd = openSync(join(source, path), constants.O_RDONLY | constants.O_NOFOLLOW);
			} catch {
				skip(w, path, 'symlink');
				continue;
			}
			try {
				const stat = fstatSync(fd);
				if (!stat.isFile()) {
					skip(w, path, 'symlink');
					continue;
				}
				if (stat.size > s.maxFileBytes) {
					skip(w, path, 'too-large', `${stat.size} bytes`);
					continue;
				}
				if (total + stat.size > s.maxSourceBytes) {
					skip(w, path, 'source-too-large');
					continue;
				}
				const bytes = Buffer.alloc(stat.size);
				let read = 0;
				while (read < stat.size) {
					const n = readSync(fd, bytes, read, stat.size - read, read);
					if (!n) break;
					read += n;
				}
				total += read;
				written++;
				writeReadOnly(dir, path, bytes.subarray(0, read));
			} finally {
				closeSync(fd);
			}
		}
		return w;
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

const SKIP_TEXT: Record<SkipReason, { saw: string; fix: string }> = {
	symlink: {
		saw: 'a symbolic link (links are never followed out of a source)',
		fix: 'commit the file itself instead of a link to it'
	},
	submodule: { saw: 'a submodule (submodules are not fetched)', fix: 'copy the files into the repository itself' },
	'unsafe-name': { saw: 'a name that could write outside the source', fix: 'rename the file' },
	'too-large': { saw: 'a file over the size limit', fix: 'make the file smaller (pictures: resize or compress them)' },
	'too-many-files': {
		saw: 'more files than the limit for one source',
		fix: 'remove generated or copied files from the repository'
	},
	'source-too-large': {
		saw: 'more bytes than the limit for one source',
		fix: 'remove large files (videos, archives) from the repository'
	},
	'missing-blob': {
		saw: "a file whose content is missing from the repository's history",
		fix: 'commit the file again, or push a fresh copy of the repository'
	}
};

/** One warning per file not written (at most 10 per reason, then one that counts the rest). */
function skipProblems(student: Student, files: Written['skippedFiles']): Problem[] {
	const problems: Problem[] = [];
	const byReason = new Map<SkipReason, Written['skippedFiles']>();
	for (const f of files) byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), f]);
	for (const [reason, list] of byReason) {
		const { saw, fix } = SKIP_TEXT[reason];
		for (const f of list.slice(0, 10))
			problems.push({
				severity: 'warning',
				file: `${student.slug}/${f.path}`,
				field: 'file',
				message: `${student.name}: expected a file within the limits, saw ${saw}${f.detail ? ` (${f.detail})` : ''}; left out`,
				fix
			});
		if (list.length > 10)
			problems.push({
				severity: 'warning',
				file: `${student.slug}/`,
				field: 'file',
				message: `${student.name}: ${list.length - 10} more files like ${JSON.stringify(list[10].path)} left out (${saw})`,
				fix
			});
	}
	return problems;
}

/** On an unchanged source, the files left out last time are still left out: say so again, as counts. */
function previousSkips(student: Student, state: State): Problem[] {
	return (Object.entries(state.skipped) as [SkipReason, number][])
		.filter(([, n]) => n > 0)
		.map(([reason, n]) => ({
			severity: 'warning' as const,
			file: `${student.slug}/`,
			field: 'file',
			message: `${student.name}: ${n} file${n === 1 ? '' : 's'} left out, ${SKIP_TEXT[reason].saw}`,
			fix: SKIP_TEXT[reason].fix
		}));
}
