/**
 * Every regular expression written in src/: regex literals and `new RegExp(…)` / `RegExp(…)` calls, found by parsing
 * (TypeScript's parser for .ts and .js, Svelte's for .svelte, whose scripts and template expressions are ESTree), never
 * by searching the source text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseSvelte } from 'svelte/compiler';
import ts from 'typescript';

/** A regex whose pattern is written out in the source. */
export type FoundRegex = { file: string; line: number; source: string; flags: string };
/** A `new RegExp(…)` whose pattern is built at run time: it cannot be checked here and needs a reason of its own. */
export type DynamicRegex = { file: string; line: number; code: string };

const EXTENSIONS = /\.(ts|js|svelte)$/;

function sourceFiles(root: string): string[] {
	return readdirSync(root, { recursive: true, encoding: 'utf8' })
		.filter((f) => EXTENSIONS.test(f) && !f.endsWith('.d.ts'))
		.map((f) => join(root, f))
		.sort();
}

/** `/a+b/gu` → `['a+b', 'gu']`: the flags follow the last slash. */
function splitLiteral(text: string): [string, string] {
	const end = text.lastIndexOf('/');
	return [text.slice(1, end), text.slice(end + 1)];
}

function collectTs(file: string, text: string, found: FoundRegex[], dynamic: DynamicRegex[]) {
	const kind = file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
	const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
	const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
	const literal = (node: ts.Node | undefined) =>
		node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
	const visit = (node: ts.Node) => {
		if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
			const [source, flags] = splitLiteral(node.getText(sf));
			found.push({ file, line: lineOf(node), source, flags });
		} else if (
			(ts.isNewExpression(node) || ts.isCallExpression(node)) &&
			ts.isIdentifier(node.expression) &&
			node.expression.text === 'RegExp'
		) {
			const [pattern, flagsArg] = node.arguments ?? [];
			const source = literal(pattern);
			const flags = flagsArg === undefined ? '' : literal(flagsArg);
			if (source !== undefined && flags !== undefined) found.push({ file, line: lineOf(node), source, flags });
			else dynamic.push({ file, line: lineOf(node), code: node.getText(sf) });
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
}

type EsNode = { type?: string; start?: number; [key: string]: unknown };

function collectSvelte(file: string, text: string, found: FoundRegex[], dynamic: DynamicRegex[]) {
	const ast = parseSvelte(text, { modern: true }) as unknown as EsNode;
	const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
	const seen = new WeakSet<object>();
	const stringOf = (node: unknown) => {
		const n = node as EsNode | undefined;
		if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
		if (n?.type === 'TemplateLiteral' && (n.expressions as unknown[]).length === 0)
			return (n.quasis as { value: { cooked: string } }[])[0].value.cooked;
		return undefined;
	};
	const visit = (value: unknown) => {
		if (!value || typeof value !== 'object' || seen.has(value)) return;
		seen.add(value);
		if (Array.isArray(value)) return value.forEach(visit);
		const node = value as EsNode;
		const regex = node.type === 'Literal' ? (node.regex as { pattern: string; flags: string } | undefined) : undefined;
		if (regex) found.push({ file, line: lineAt(node.start ?? 0), source: regex.pattern, flags: regex.flags });
		const callee = node.callee as EsNode | undefined;
		if ((node.type === 'NewExpression' || node.type === 'CallExpression') && callee?.name === 'RegExp') {
			const [pattern, flagsArg] = node.arguments as unknown[];
			const source = stringOf(pattern);
			const flags = flagsArg === undefined ? '' : stringOf(flagsArg);
			const line = lineAt(node.start ?? 0);
			if (source !== undefined && flags !== undefined) found.push({ file, line, source, flags });
			else dynamic.push({ file, line, code: text.slice(node.start, node.end as number) });
		}
		for (const key of Object.keys(node)) if (key !== 'parent') visit(node[key]);
	};
	visit(ast);
}

/** The regexes of every .ts, .js and .svelte file under `root`, with paths relative to `base`. */
export function collectRegexes(root: string, base: string): { found: FoundRegex[]; dynamic: DynamicRegex[] } {
	const found: FoundRegex[] = [];
	const dynamic: DynamicRegex[] = [];
	for (const path of sourceFiles(root)) {
		const text = readFileSync(path, 'utf8');
		const file = relative(base, path).split('\\').join('/');
		if (path.endsWith('.svelte')) collectSvelte(file, text, found, dynamic);
		else collectTs(file, text, found, dynamic);
	}
	return { found, dynamic };
}
