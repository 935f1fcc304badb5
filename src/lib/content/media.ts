/** Files beside posts that pages use: the build lists them, and scripts/postbuild.ts copies them into the site. */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DOCUMENT } from './links.ts';
import { workPaths } from './paths.ts';
import { formatProblem, type Problem } from './problems.ts';
import { describeRemoved, sanitizeSvg } from './svg.ts';

/** Where the build lists the files beside posts that the site uses (public path → absolute source path). */
export const MEDIA_MANIFEST = workPaths(resolve('.')).media;

export function writeMediaManifest(media: Map<string, string>): void {
	mkdirSync(dirname(MEDIA_MANIFEST), { recursive: true });
	writeFileSync(MEDIA_MANIFEST, JSON.stringify(Object.fromEntries(media), null, 1));
}

/**
 * Publishes one file at `target`: an SVG as its cleaned serialisation (svg.ts), never as written; an HTML or XML
 * document never. Says whether it was written, and the problem to report, if any.
 */
export function publishFile(
	abs: string,
	target: string,
	shown = relative('.', abs)
): { published: boolean; problem?: Problem } {
	const problem = (message: string, fix: string): Problem => ({
		severity: 'warning',
		file: shown,
		field: 'file',
		message,
		fix
	});
	const refused = (message: string, fix: string) => ({ published: false, problem: problem(message, fix) });
	if (DOCUMENT.test(target) || DOCUMENT.test(abs))
		return refused(
			'expected a file that is not a page, saw an HTML or XML document, which would run as a page of the site; it is not published',
			'share its text as a code block in a post, or as a .txt file'
		);
	mkdirSync(dirname(target), { recursive: true });
	if (!/\.svg$/i.test(target) && !/\.svg$/i.test(abs)) {
		copyFileSync(abs, target);
		return { published: true };
	}
	const result = sanitizeSvg(readFileSync(abs));
	if (!result.ok)
		return refused(
			`expected an SVG drawing, saw a file that ${result.reason.replace(/^it /, '')}; it is not published`,
			'export the drawing again as SVG, or as PNG'
		);
	writeFileSync(target, result.svg);
	if (!result.removed.length) return { published: true };
	return {
		published: true,
		problem: problem(
			`expected an SVG drawing with nothing that runs or loads, saw ${describeRemoved(result.removed)}; it is published without them`,
			'export the drawing again without scripts, links or embedded pages'
		)
	};
}

/** Copies the listed files into the written site (SVG cleaned, documents never); returns how many. */
export function copyMedia(site: string): number {
	if (!existsSync(MEDIA_MANIFEST)) return 0;
	const media = JSON.parse(readFileSync(MEDIA_MANIFEST, 'utf8')) as Record<string, string>;
	let copied = 0;
	for (const [publicPath, abs] of Object.entries(media)) {
		const { published, problem } = publishFile(abs, join(site, decodeURIComponent(publicPath)));
		if (problem) console.warn(`⚠ ${formatProblem(problem)}`);
		if (published) copied++;
	}
	return copied;
}
