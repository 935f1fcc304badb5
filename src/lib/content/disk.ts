/**
 * What a missing file's name most likely meant, as it is on disk: the same name in another letter case (`Hinh.PNG`
 * for `hinh.png`, found by Windows and macOS and missing on the Linux machine that builds the site), else the nearest
 * name in its folder. Also tells a file that exists here only because this file system ignores case.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, parse, sep } from 'node:path';
import { nearest } from './suggest.ts';

/** Folder listings by folder, kept while the folder's modification time stays the same (the dev server reruns). */
const listings = new Map<string, { mtime: number; names: string[] }>();

function list(dir: string): string[] | undefined {
	let mtime: number;
	try {
		mtime = statSync(dir).mtimeMs;
	} catch {
		return undefined;
	}
	const kept = listings.get(dir);
	if (kept?.mtime === mtime) return kept.names;
	try {
		const names = readdirSync(dir);
		listings.set(dir, { mtime, names });
		return names;
	} catch {
		return undefined;
	}
}

/** Forgets the listings (a new check run, or a test that changed a folder). */
export const forgetListings = () => listings.clear();

export type OnDisk =
	/** The path exists, spelled as written. */
	| { kind: 'exact' }
	/** A file whose path differs only in letter case: `actual` is its real spelling. */
	| { kind: 'case'; actual: string }
	/** No such file; `nearest` is the closest name in the same folder, if one is close. */
	| { kind: 'missing'; nearest?: string };

/**
 * Looks a path up one part at a time, as a case-sensitive file system would, noting parts found only by case. For a
 * path known to exist only its last part is compared (the folders of a post's pictures are rarely misspelled, and
 * this runs for every picture of every post).
 */
export function onDisk(abs: string, exists?: boolean): OnDisk {
	if (exists) {
		const names = list(dirname(abs));
		const name = basename(abs);
		if (!names || names.includes(name)) return { kind: 'exact' };
		const actual = names.find((n) => n.toLowerCase() === name.toLowerCase());
		return actual ? { kind: 'case', actual: join(dirname(abs), actual) } : { kind: 'exact' };
	}
	const { root } = parse(abs);
	const parts = abs.slice(root.length).split(sep).filter(Boolean);
	let dir = root;
	let differs = false;
	for (let i = 0; i < parts.length; i++) {
		const names = list(dir);
		if (!names) return { kind: 'missing' };
		const part = parts[i];
		let found = names.includes(part) ? part : undefined;
		if (!found) {
			found = names.find((n) => n.toLowerCase() === part.toLowerCase());
			if (found) differs = true;
		}
		if (!found) {
			const last = i === parts.length - 1;
			return {
				kind: 'missing',
				nearest: last
					? nearest(
							part,
							names.filter((n) => !n.startsWith('.'))
						)
					: undefined
			};
		}
		dir = join(dir, found);
	}
	return differs ? { kind: 'case', actual: dir } : { kind: 'exact' };
}

/** A URL path as the author wrote it (`./Hinh/A.PNG`), its parts spelled as they are on disk (`actual`). */
export function respell(written: string, actual: string): string {
	// Replace only the parts the author wrote: as many trailing parts of `actual` as `written` has.
	const writtenParts = written.split('/');
	const actualParts = actual.split(sep);
	const tail = actualParts.slice(actualParts.length - writtenParts.filter((p) => p && p !== '.' && p !== '..').length);
	let k = 0;
	return writtenParts.map((p) => (p && p !== '.' && p !== '..' ? (tail[k++] ?? p) : p)).join('/');
}
