/** One content problem, located in a post file. Errors stop the build (unless CONTENT_ERRORS=warn); warnings never do. */
export interface Problem {
	severity: 'error' | 'warning';
	/**
	 * What an error costs in lenient mode (CONTENT_ERRORS=warn): `post`, the post cannot be read and is left out;
	 * `field`, the post is published without that frontmatter value or refused part; `site`, nothing can be built (always stops).
	 */
	scope?: 'post' | 'field' | 'site';
	/** Path as the author sees it, e.g. `posts/rpc.md`. */
	file: string;
	line?: number;
	/** The frontmatter field or part of the post, e.g. `date`, `frontmatter`, `markdown`. */
	field: string;
	/** What was expected and what was seen. */
	message: string;
	/** What to change. */
	fix?: string;
}

/** `posts/rpc.md:3 date: expected a date like 2025-05-11, saw "hôm qua"; write the date as YYYY-MM-DD` */
export function formatProblem(p: Problem): string {
	const where = p.line ? `${p.file}:${p.line}` : p.file;
	return printable(`${where} ${p.field}: ${p.message}${p.fix ? `; ${p.fix}` : ''}`);
}

/**
 * Characters that must not reach a log or a summary as they are: C0 and C1 controls (a newline would start a line of
 * the post's choosing, ESC a terminal sequence), DEL, the Unicode line and paragraph separators, and the invisible
 * direction marks and overrides that make text read differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const codeUnit = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text with every control character written as an escape (`\n`, `\r`, `\t`, else `\u001b`), so it stays on its line. */
export function escapeControls(text: string): string {
	return text.replace(CONTROL, (c) => NAMED[c] ?? codeUnit(c));
}

/**
 * Text from a post made safe for one line of the build's log: controls escaped, and nothing GitHub's runner would obey
 * as a workflow command, neither `::` at the start of the line (after spaces) nor the older `##[` anywhere in it.
 */
export function printable(text: string): string {
	return escapeControls(text)
		.replace(/##\[/g, '##\\[')
		.replace(/^(\s*):(?=:)/, '$1\\:');
}

/**
 * JSON for a log or a tool: as `JSON.stringify(value, null, 1)` gives it (which escapes C0 controls), with the
 * other characters of CONTROL and `##[` written as `\u` escapes inside their strings, which read back as the same text.
 */
export function logSafeJson(value: unknown): string {
	return JSON.stringify(value, null, 1)
		.replace(/[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, codeUnit)
		.replace(/##\[/g, '##\\u005b');
}

/** Escapes the message of a GitHub workflow command (GitHub's `escapeData`): `%`, CR and LF. */
export function escapeCommandData(text: string): string {
	return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=`, `title=`) of a GitHub workflow command: also `:` and `,` (`escapeProperty`). */
export function escapeCommandProperty(text: string): string {
	return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * What an error costs in lenient mode (CONTENT_ERRORS=warn): the post is left out, or published without the value;
 * undefined for an error that stops the site whatever the mode.
 */
export function lenientCost(p: Problem): 'left out' | 'published without it' | undefined {
	if (p.scope === 'site') return undefined;
	return p.scope === 'field' ? 'published without it' : 'left out';
}

/**
 * One problem as a GitHub workflow command, which a pull request shows as an annotation on the post's line:
 * `::error file=posts/rpc.md,line=3,title=date::expected a date like 2025-05-11, saw "hôm qua"; write …`. In lenient
 * mode an error that does not stop the build is a `::warning` that says what it cost, so that a pull request whose
 * build passes does not look failed.
 */
export function formatGithub(p: Problem, mode: 'error' | 'warn' = 'error', warnings: WarningsMode = 'warn'): string {
	const cost = p.severity === 'error' && mode === 'warn' ? lenientCost(p) : undefined;
	// Under --strict (CONTENT_WARNINGS=error) a warning fails the run, so it is shown as what it is there: an error.
	const command =
		(p.severity === 'error' && !cost) || (p.severity === 'warning' && warnings === 'error') ? 'error' : 'warning';
	const properties = [`file=${escapeCommandProperty(p.file)}`];
	if (p.line) properties.push(`line=${p.line}`);
	properties.push(`title=${escapeCommandProperty(p.field)}`);
	const text = `${cost ? `${cost}: ` : ''}${p.message}${p.fix ? `; ${p.fix}` : ''}`;
	return `::${command} ${properties.join(',')}::${escapeCommandData(text)}`;
}

/** `error` (CONTENT_WARNINGS=error, `check:posts --strict`): warnings fail too; `warn` (the default): they never do. */
export type WarningsMode = 'error' | 'warn';

/** Whether these problems stop the build (and fail `check:posts`) in this mode. */
export function stops(problems: Problem[], mode: 'error' | 'warn', warnings: WarningsMode = 'warn'): boolean {
	return problems.some(
		(p) =>
			(p.severity === 'error' && (mode === 'error' || p.scope === 'site')) ||
			(p.severity === 'warning' && warnings === 'error')
	);
}

/** What the build says when it stops on these problems. */
export function stopMessage(mode: 'error' | 'warn', warnings: WarningsMode = 'warn', problems: Problem[] = []): string {
	if (warnings === 'error' && problems.length && !stops(problems, mode))
		return 'The build stops on warnings (CONTENT_WARNINGS=error or --strict): fix them, or unset CONTENT_WARNINGS.';
	return mode === 'error'
		? 'The build stops on content errors. Fix them, or build with CONTENT_ERRORS=warn to publish what can be read.'
		: 'The build stops: there is no site to build.';
}

/** Problems in a stable order: by file, then line, errors before warnings. */
export function sortProblems(problems: Problem[]): Problem[] {
	return [...problems].sort(
		(a, b) =>
			(a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
			(a.line ?? 0) - (b.line ?? 0) ||
			(a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
	);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A readable block listing every problem, for the build log and `check:posts`. In lenient mode it says which posts
 * are left out and which are published without a value.
 */
export function formatReport(
	problems: Problem[],
	mode: 'error' | 'warn' = 'error',
	warningsMode: WarningsMode = 'warn'
): string {
	const sorted = sortProblems(problems);
	const errors = sorted.filter((p) => p.severity === 'error');
	const warnings = sorted.filter((p) => p.severity === 'warning');
	const lines: string[] = [];
	if (errors.length && mode === 'error') {
		lines.push(`${plural(errors.length, 'content error')}:`);
		for (const p of errors) lines.push(`  ✖ ${formatProblem(p)}`);
	} else if (errors.length) {
		const fatal = errors.filter((p) => !lenientCost(p));
		const leftOut = errors.filter((p) => lenientCost(p) === 'left out');
		if (fatal.length) {
			lines.push(`${plural(fatal.length, 'error')} that stop the site:`);
			for (const p of fatal) lines.push(`  ✖ ${formatProblem(p)}`);
		}
		const withoutValue = errors.filter((p) => lenientCost(p) === 'published without it');
		if (leftOut.length) {
			const files = new Set(leftOut.map((p) => p.file)).size;
			lines.push(
				`${plural(leftOut.length, 'content error')} (CONTENT_ERRORS=warn: ${plural(files, 'post')} left out):`
			);
			for (const p of leftOut) lines.push(`  ✖ ${formatProblem(p)}`);
		}
		if (withoutValue.length) {
			lines.push(
				`${plural(withoutValue.length, 'content error')} in fields and scripts (CONTENT_ERRORS=warn: published without them):`
			);
			for (const p of withoutValue) lines.push(`  ✖ ${formatProblem(p)}`);
		}
	}
	if (warnings.length) {
		lines.push(
			`${plural(warnings.length, 'warning')}${warningsMode === 'error' ? ' (CONTENT_WARNINGS=error or --strict: they fail)' : ''}:`
		);
		for (const p of warnings) lines.push(`  ⚠ ${formatProblem(p)}`);
	}
	return lines.join('\n');
}

/** Quotes a value the way it appears in messages: strings in quotes, the rest as YAML would show it. */
export function seen(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '…' : value);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? '' : 's'})`;
	if (value === null) return 'an empty value';
	if (typeof value === 'object') return 'a mapping';
	return String(value);
}
