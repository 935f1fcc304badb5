/**
 * KaTeX's warnings, as a post's author should get them. KaTeX prints `No character metrics for 'ớ'` on the console,
 * with no file or line, for every Vietnamese letter inside `\text{…}`: its fonts have no Vietnamese, so the browser
 * draws those letters from the page's own face, which is right (the box only lacks KaTeX's measured height). That
 * warning is silenced for letters and marks; any other KaTeX console warning passes through as it is.
 *
 * `katexStrict` is KaTeX's `strict` option as a function (it receives each LaTeX-compatibility warning): text such as
 * `$mới$` written in math mode renders as GitHub renders it, so those are ignored, as `strict: false` did.
 */

/** KaTeX's warning for a character its fonts have no measurements of. */
const NO_METRICS = /^No character metrics for '([^']*)' in style '[^']*' and mode '([^']*)'/;

/** Whether a console warning is KaTeX's harmless one about a letter it has no metrics for. */
export function isHarmlessKatexWarning(message: unknown): boolean {
	const m = typeof message === 'string' ? NO_METRICS.exec(message) : null;
	return !!m && /^[\p{L}\p{M}]+$/u.test(m[1]);
}

const QUIET = Symbol.for('course-notes.katex-quiet');

/** Filters `console.warn` once per process (render workers included): KaTeX's harmless warnings are dropped. */
export function quietKatexMetrics(): void {
	const holder = console as Console & { [QUIET]?: true };
	if (holder[QUIET]) return;
	holder[QUIET] = true;
	const warn = console.warn.bind(console);
	console.warn = (...args: unknown[]) => {
		if (args.length === 1 && isHarmlessKatexWarning(args[0])) return;
		warn(...args);
	};
}

/** KaTeX's `strict` option: every LaTeX-compatibility warning is ignored (the output is what GitHub shows). */
export const katexStrict = (): 'ignore' => 'ignore';

// On import: the module that renders math imports this one, so every process that renders math is quiet.
quietKatexMetrics();
