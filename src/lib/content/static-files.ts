/**
 * The site's own files, static/, as the build publishes them. SvelteKit copies its assets folder following links, so
 * a link in static/ to /etc/passwd or .git/config (which holds the checkout token on CI) would be published, and a
 * link to a folder of special files stops the build. So when static/ holds a link or an SVG, the build publishes a
 * staged copy instead (kit.files.assets, named in the build manifest): links that lead out of static/ left out and named,
 * links inside it copied, and each SVG cleaned as those beside posts are (svg.ts). Otherwise static/ is used as it is.
 */
import {
	copyFileSync,
	linkSync,
	lstatSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	realpathSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { workPaths } from './paths.ts';
import type { Problem } from './problems.ts';
import { describeRemoved, sanitizeSvg } from './svg.ts';

/** Where the build stages static/ when it must (inside its work folder, emptied on every build). */
export const stagedStaticDir = (root: string) => join(dirname(workPaths(root).pages), 'static');

export interface StaticFiles {
	/** The folder to publish: static/ itself, or the staged copy. */
	dir: string;
	staged: boolean;
	/** Links left out and SVG cleaned or left out, one warning each. */
	problems: Problem[];
}

const isSvg = (path: string) => /\.svg$/i.test(path);

/** Whether a folder holds a link or an SVG file, without following links. */
function needsStaging(dir: string): boolean {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isSymbolicLink()) return true;
		if (entry.isDirectory() && needsStaging(join(dir, entry.name))) return true;
		if (entry.isFile() && isSvg(entry.name)) return true;
	}
	return false;
}

/**
 * The folder the build should publish as static/: `staticDir` itself when it holds no link and no SVG, else a copy in
 * `stageDir` made as described above. Never throws for what static/ holds; each file left out is a problem.
 */
export function stageStatic(staticDir: string, stageDir: string, shownRoot = process.cwd()): StaticFiles {
	const problems: Problem[] = [];
	let top: string;
	try {
		top = realpathSync(staticDir);
		if (!statSync(top).isDirectory() || !needsStaging(staticDir)) return { dir: staticDir, staged: false, problems };
	} catch {
		return { dir: staticDir, staged: false, problems };
	}
	const shown = (abs: string) => relative(shownRoot, abs).split(sep).join('/');
	const warn = (abs: string, message: string, fix: string) =>
		problems.push({ severity: 'warning', file: shown(abs), field: 'file', message, fix });
	rmSync(stageDir, { recursive: true, force: true });
	mkdirSync(stageDir, { recursive: true });

	const inside = (real: string) => {
		const rel = relative(top, real);
		return !rel.startsWith('..') && !isAbsolute(rel);
	};
	/** A file, by its real path: SVG cleaned; others hard-linked (copied across devices). */
	const file = (from: string, real: string, to: string) => {
		mkdirSync(dirname(to), { recursive: true });
		if (isSvg(from) || isSvg(real)) {
			const result = sanitizeSvg(readFileSync(real));
			if (!result.ok)
				return warn(
					from,
					`expected an SVG drawing, saw a file that ${result.reason.replace(/^it /, '')}; it is not published`,
					'export the drawing again as SVG, or as PNG'
				);
			writeFileSync(to, result.svg);
			if (result.removed.length)
				warn(
					from,
					`expected an SVG drawing with nothing that runs or loads, saw ${describeRemoved(result.removed)}; it is published without them`,
					'export the drawing again without scripts, links or embedded pages'
				);
			return;
		}
		try {
			linkSync(real, to);
		} catch {
			copyFileSync(real, to);
		}
	};
	/**
	 * A folder, read at `from` and named by `shown` (the path through the links that led to it); `open` holds the real
	 * folders being copied, so a link to one of them cannot loop.
	 */
	const folder = (from: string, shown: string, to: string, open: Set<string>) => {
		mkdirSync(to, { recursive: true });
		for (const name of readdirSync(from).sort()) {
			const abs = join(from, name);
			const named = join(shown, name);
			const target = join(to, name);
			try {
				const link = lstatSync(abs);
				if (link.isDirectory()) folder(abs, named, target, new Set([...open, realpathSync(abs)]));
				else if (link.isFile()) file(named, abs, target);
				else if (link.isSymbolicLink()) followed(abs, named, target, open);
				else warn(named, 'expected a file or a folder, saw a special file; it is not published', 'remove it');
			} catch (e) {
				warn(named, `expected a file the build can read, saw an error (${(e as Error).message})`, 'remove it');
			}
		}
	};
	const followed = (abs: string, named: string, target: string, open: Set<string>) => {
		let real: string;
		try {
			real = realpathSync(abs);
		} catch {
			return warn(named, 'expected a file, saw a link to nothing; it is not published', 'remove the link');
		}
		if (!inside(real))
			return warn(
				named,
				`expected a file inside static/, saw a link that leads out of it (to ${real}); it is not published`,
				'put the file itself in static/'
			);
		const stats = statSync(real);
		if (stats.isFile()) return file(named, real, target);
		if (!stats.isDirectory())
			return warn(named, 'expected a file or a folder, saw a link to a special file; it is not published', 'remove it');
		if (open.has(real))
			return warn(
				named,
				'expected a folder, saw a link to a folder that contains it; it is not published',
				'remove the link'
			);
		folder(real, named, target, new Set([...open, real]));
	};
	folder(staticDir, staticDir, stageDir, new Set([top]));
	return { dir: stageDir, staged: true, problems };
}
