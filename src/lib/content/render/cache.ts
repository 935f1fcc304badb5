/**
 * The persistent content cache, shared by `dev`, `build` and `check:posts`: each rendered post is stored under a key of
 * everything that decides its output — its body and title, the pipeline's own code and the installed dependencies, the
 * settings that change rendering (base path, trust) — and is used again only when every URL it resolved still resolves
 * to the same target (another post's address, a file beside it). An entry that does not parse or whose checksum does
 * not match is rendered again, never published.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LinkTarget } from '../links.ts';
import type { Job, Rendered, RenderedFile } from './run.ts';

/** One cached post. */
export interface Entry {
	rendered: Rendered;
	file: RenderedFile;
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The code and dependencies that render posts: a change in any of them makes every entry stale. */
const SOURCES = [
	'markdown',
	'content/render',
	'content/links.ts',
	'components',
	'text',
	'search',
	'config.ts',
	'env.js'
];

/** A hash of the pipeline's code, the lockfile and Node's version, with the settings that change rendering. */
export function pipelineVersion(root: string, settings: Record<string, unknown>): string {
	const lib = fileURLToPath(new URL('../../', import.meta.url));
	const hash = createHash('sha256');
	const add = (path: string) => {
		const stat = statSync(path);
		if (stat.isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
		else hash.update(relative(lib, path)).update(readFileSync(path));
	};
	for (const source of SOURCES) if (existsSync(join(lib, source))) add(join(lib, source));
	const lock = join(root, 'package-lock.json');
	if (existsSync(lock)) hash.update(readFileSync(lock));
	hash.update(process.version).update(JSON.stringify(settings));
	return hash.digest('hex');
}

/** Stores a rendered post (the worker that rendered it does this, so its HTML is not read back). */
export function writeEntry(dir: string, key: string, entry: Entry): void {
	const payload = JSON.stringify(entry);
	writeFileSync(join(dir, `${key}.json`), JSON.stringify({ sum: sha256(payload), payload }));
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
				const { sum, payload } = JSON.parse(readFileSync(file, 'utf8')) as { sum: string; payload: string };
				if (sha256(payload) !== sum) throw new Error('checksum');
				entry = JSON.parse(payload) as Entry;
			}
			for (const ref of entry.rendered.references)
				if (JSON.stringify(resolve(ref.url)) !== JSON.stringify(ref.target)) return undefined;
			this.memory?.set(key, entry);
			this.hits++;
			return entry;
		} catch {
			// Corrupt (a partial write, a hand edit): render the post again.
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
