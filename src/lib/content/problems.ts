/** One content problem, located in a post file. Errors stop the build (unless CONTENT_ERRORS=warn); warnings never do. */
export interface Problem {
	severity: 'error' | 'warning';
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
	return `${where} ${p.field}: ${p.message}${p.fix ? `; ${p.fix}` : ''}`;
}

/** A readable block listing every problem, errors first, for the build log and `check:posts`. */
export function formatReport(problems: Problem[], mode: 'error' | 'warn' = 'error'): string {
	const errors = problems.filter((p) => p.severity === 'error');
	const warnings = problems.filter((p) => p.severity === 'warning');
	const lines: string[] = [];
	if (errors.length) {
		const files = new Set(errors.map((p) => p.file)).size;
		lines.push(
			`${errors.length} content error${errors.length > 1 ? 's' : ''}` +
				(mode === 'warn'
					? ` (CONTENT_ERRORS=warn: ${files} post${files > 1 ? 's' : ''} left out, the rest is built):`
					: ':')
		);
		for (const p of errors) lines.push(`  ✖ ${formatProblem(p)}`);
	}
	if (warnings.length) {
		lines.push(`${warnings.length} warning${warnings.length > 1 ? 's' : ''}:`);
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
