/**
 * The persistent content cache, shared by `dev`, `build` and `check:posts`: each rendered post is stored under a key of
 * everything that decides its output — its body and title, the pipeline's own code and the installed dependencies, the
 * settings that change rendering (base path, trust) — and is used again only when every URL it resolved still resolves
 * to the same target (another post's address, a file beside it). An entry that does not parse, whose checksum does
 * not match, or whose HTML the sanitiser would change (a cache restored from elsewhere, an older sanitiser) is
 * rendered again, never published. An entry this workspace wrote carries an HMAC under a key kept outside the cache
 * (`signingKey`), so it is known for the sanitiser's own output without sanitising it again; any other entry (a cache
 * restored from elsewhere, or written before the key) passes the sanitiser again first, and is then signed. The cache
 * prunes what a run does not use, so it lives only in a folder it owns.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sanitizePost } from '../../markdown/sanitize.ts';
import type { LinkTarget } from '../links.ts';
import type { Problem } from '../problems.ts';
import type { Job, Rendered, RenderedFile } from './run.ts';

/** One cached post. */
export interface Entry {
	rendered: Rendered;
	file: RenderedFile;
}

import { codeVersion, importGraph, sha256 } from '../../fingerprint.ts';

const LIB = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The render worker and the module hooks it registers: the files they import, followed (build/fingerprint.ts), are the
 * pipeline's code; its packages are the lockfile's.
 */
const ENTRIES = ['content/render/worker.mjs', 'content/render/svelte-hooks.mjs'];

/** The files under `lib` that decide how a post renders (relative, `/`-separated): the worker's import graph. */
export function pipelineFiles(lib = LIB): string[] {
	return importGraph(
		ENTRIES.map((e) => join(lib, e)),
		lib
	).map((f) => relative(lib, f).split('\\').join('/'));
}

/** A hash of the pipeline's code (`pipelineFiles`), the lockfile and Node's version, with the settings that change rendering. */
export function pipelineVersion(root: string, settings: Record<string, unknown>, lib = LIB): string {
	return codeVersion(
		pipelineFiles(lib).map((f) => join(lib, f)),
		root,
		settings
	);
}

/** The file that marks a folder as the content cache, in the Cache Directory Tagging format (backup tools skip it). */
export const CACHE_TAG = 'CACHEDIR.TAG';
const TAG_TEXT =
	'Signature: 8a477f597d28d172789f06886806bc55\n' +
	'# The content cache of the course notes build (src/lib/content/render/cache.ts).\n' +
	'# The build deletes what it does not use in this folder, and makes again whatever is missing.\n';

/**
 * Makes `dir` the content cache, or says why it cannot be: a folder that is missing or empty (the build creates it
 * and marks it with CACHE_TAG), one marked so by an earlier build, or `own` (the default, `.cache/course-notes`,
 * always the build's). Any other folder is refused untouched, with a problem naming it, since the cache prunes every
 * top-level `*.json` and everything under `images/` that a run does not use.
 */
export function claimCacheDir(dir: string, options: { root: string; own: string }): Problem | undefined {
	// As the file system will read it (relative to the working folder); shown relative to the project.
	const abs = resolve(dir);
	const tag = join(abs, CACHE_TAG);
	const refuse = (saw: string): Problem => ({
		severity: 'error',
		scope: 'site',
		file: relative(options.root, abs).startsWith('..') ? abs : relative(options.root, abs) || '.',
		field: 'CONTENT_CACHE',
		message: `expected a folder that is empty, missing or the build's own content cache (marked by ${CACHE_TAG}), saw ${saw}; nothing in it was touched`,
		fix: 'set CONTENT_CACHE to a new folder (the build creates it), to a cache an earlier build made, or to off'
	});
	let names: string[] | undefined;
	try {
		if (!statSync(abs).isDirectory()) return refuse('a file');
		names = readdirSync(abs);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
			return refuse(`a folder it cannot read (${(error as Error).message})`);
	}
	const marked = names?.includes(CACHE_TAG) && readFileSync(tag, 'utf8') === TAG_TEXT;
	if (names?.length && !marked && abs !== resolve(options.own)) {
		const some = names
			.slice(0, 3)
			.map((n) => JSON.stringify(n))
			.join(', ');
		return refuse(`a folder of ${names.length} other file(s) (${some}${names.length > 3 ? ', …' : ''})`);
	}
	if (!marked) {
		mkdirSync(abs, { recursive: true });
		writeFileSync(tag, TAG_TEXT);
	}
	return undefined;
}

/**
 * The workspace's key for signing cache entries (hex), made once and kept outside the cache folder, which CI restores
 * from earlier runs: a cache from elsewhere cannot carry this workspace's signatures.
 */
export function signingKey(file: string): string {
	try {
		const key = readFileSync(file, 'utf8').trim();
		if (/^[0-9a-f]{64}$/.test(key)) return key;
	} catch {
		// none yet
	}
	const key = randomBytes(32).toString('hex');
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, key);
	chmodSync(file, 0o600);
	return key;
}

const mac = (secret: string, payload: string) =>
	createHmac('sha256', Buffer.from(secret, 'hex')).update(payload).digest('hex');

/** Stores a rendered post (the worker that rendered it does this, so its HTML is not read back), signed. */
export function writeEntry(dir: string, key: string, entry: Entry, secret: string): void {
	writeSigned(join(dir, `${key}.json`), JSON.stringify(entry), secret);
}

function writeSigned(file: string, payload: string, secret: string): void {
	writeFileSync(file, JSON.stringify({ sum: sha256(payload), mac: mac(secret, payload), payload }));
}

/** Whether a cached body and head are exactly what the sanitiser makes of them (nothing removed, nothing changed). */
export function isClean(file: RenderedFile): boolean {
	if (typeof file?.html !== 'string' || typeof file.head !== 'string') return false;
	for (const html of [file.html, file.head]) {
		if (!html) continue;
		const safe = sanitizePost(html);
		if (safe.removed.length || safe.html !== html) return false;
	}
	return true;
}

export class ContentCache {
	private used = new Set<string>();
	hits = 0;

	/**
	 * @param memory entries already read, kept by `npm run dev` between runs so an edit does not read every entry again
	 * (they are still checked against what their URLs resolve to now).
	 */
	constructor(
		readonly dir: string,
		private readonly version: string,
		/** The workspace's signing key (`signingKey`). */
		readonly secret: string,
		private readonly memory?: Map<string, Entry>
	) {
		mkdirSync(dir, { recursive: true });
	}

	/** The key of a job: its own text and the pipeline version. */
	key(job: Job): string {
		return sha256(JSON.stringify([this.version, job.slug, job.file, job.body, job.title ?? null, job.cover ?? null]));
	}

	/** The cached rendering of a job, if it is there, intact, and every URL it resolved still resolves the same way. */
	get(job: Job, resolve: (url: string) => LinkTarget): Entry | undefined {
		const key = this.key(job);
		const file = join(this.dir, `${key}.json`);
		this.used.add(key);
		const kept = this.memory?.get(key);
		if (!kept && !existsSync(file)) return undefined;
		try {
			let entry = kept;
			if (!entry) {
				const stored = JSON.parse(readFileSync(file, 'utf8')) as { sum: string; mac?: string; payload: string };
				if (sha256(stored.payload) !== stored.sum) throw new Error('checksum');
				entry = JSON.parse(stored.payload) as Entry;
				// The checksum says the entry is whole, not that it is safe. Signed by this workspace: the sanitiser's own
				// output. Otherwise its HTML passes the sanitiser again, and an entry the sanitiser would change (made
				// elsewhere, or by an older sanitiser) is rendered again; a clean one is signed for the next run.
				const expected = Buffer.from(mac(this.secret, stored.payload), 'hex');
				const given = Buffer.from(typeof stored.mac === 'string' ? stored.mac : '', 'hex');
				if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
					if (!isClean(entry.file)) throw new Error('unsanitised');
					writeSigned(file, stored.payload, this.secret);
				}
			}
			for (const ref of entry.rendered.references)
				if (JSON.stringify(resolve(ref.url)) !== JSON.stringify(ref.target)) return undefined;
			this.memory?.set(key, entry);
			this.hits++;
			return entry;
		} catch {
			// Corrupt (a partial write, a hand edit) or unsafe: render the post again.
			rmSync(file, { force: true });
			return undefined;
		}
	}

	/** Removes the entries this run did not use, so the cache holds one site's posts and no more. */
	prune(): void {
		for (const name of readdirSync(this.dir))
			if (name.endsWith('.json') && !this.used.has(name.slice(0, -5))) rmSync(join(this.dir, name), { force: true });
	}
}
