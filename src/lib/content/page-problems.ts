/**
 * What `npm run dev` shows on a post's own page: every problem the build reports for that post's file, worded as the
 * build words it, and whether the build would stop on it. The build itself ships no problems to pages.
 */
import { formatProblem, lenientCost, type Problem, type WarningsMode } from './problems.ts';

export interface PageProblem {
	severity: Problem['severity'];
	/** The line the build prints, `posts/rpc.md:3 date: expected …; fix`. */
	text: string;
	/** What the build does about it: stops, leaves the post out, publishes it without the value, or only warns. */
	effect: 'stops the build' | 'left out' | 'published without it' | 'warning';
}

/** The problems of one post file, in the build's order, as its page in `npm run dev` shows them. */
export function pageProblems(
	problems: Problem[],
	file: string,
	mode: 'error' | 'warn' = 'error',
	warnings: WarningsMode = 'warn'
): PageProblem[] {
	return problems
		.filter((p) => p.file === file)
		.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
		.map((p) => ({
			severity: p.severity,
			text: formatProblem(p),
			effect:
				p.severity === 'warning'
					? warnings === 'error'
						? 'stops the build'
						: 'warning'
					: mode === 'error'
						? 'stops the build'
						: (lenientCost(p) ?? 'stops the build')
		}));
}
