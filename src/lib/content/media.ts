/** Files beside posts that pages use: the content stage lists them, and scripts/postbuild.ts copies them into the site. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DOCUMENT } from './links.ts';
import { formatProblem, type Problem } from './problems.ts';
import { describeRemoved, sanitizeSvg } from './svg.ts';

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

/**
 * Copies the files pages use (public path → absolute source path, the content stage's `media`) into the written site,
 * SVG cleaned and documents never; returns how many.
 */
export function copyMedia(site: string, media: Record<string, string>): number {
	let copied = 0;
	for (const [publicPath, abs] of Object.entries(media)) {
		const { published, problem } = publishFile(abs, join(site, decodeURIComponent(publicPath)));
		if (problem) console.warn(`⚠ ${formatProblem(problem)}`);
		if (published) copied++;
	}
	return copied;
}
