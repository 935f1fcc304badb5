import { LineCounter, isMap, isScalar, parseDocument, type Pair } from 'yaml';
import { parseDate, type CalendarDay } from '../text/date.ts';
import { seen, type Problem } from './problems.ts';

/** The frontmatter contract with authors. Every field is optional. */
export interface Frontmatter {
	title?: string;
	date?: CalendarDay;
	updated?: CalendarDay;
	categories: string[];
	coverImage?: string;
	coverWidth?: number;
	coverHeight?: number;
	excerpt?: string;
	author?: string;
	draft: boolean;
}

export const FIELDS = [
	'title',
	'date',
	'updated',
	'categories',
	'coverImage',
	'coverWidth',
	'coverHeight',
	'excerpt',
	'author',
	'draft'
] as const;

/** Keys that some starters use; accepted silently so a fork's posts build as they are. */
const TOLERATED = new Set(['layout', 'tags', 'slug', 'description', 'published', 'lang', 'toc', 'math']);

function distance(a: string, b: string): number {
	const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
	for (let j = 1; j <= b.length; j++) dp[0][j] = j;
	for (let i = 1; i <= a.length; i++)
		for (let j = 1; j <= b.length; j++)
			dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
	return dp[a.length][b.length];
}

/** The known field an unknown key most likely meant (`coverWidght` → `coverWidth`, `update` → `updated`). */
export function suggestField(key: string): string | undefined {
	const lower = key.toLowerCase();
	let best: string | undefined;
	let bestScore = Infinity;
	for (const field of FIELDS) {
		const f = field.toLowerCase();
		const score = f.startsWith(lower) || lower.startsWith(f) ? 1 : distance(lower, f);
		if (score < bestScore) {
			bestScore = score;
			best = field;
		}
	}
	return bestScore <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

export interface ParsedFrontmatter {
	data: Frontmatter;
	problems: Problem[];
	/** File line of each key, for later messages. */
	lines: Record<string, number>;
}

/**
 * Parses and validates frontmatter YAML. `firstLine` is the file line of the YAML's first line; every problem carries
 * the file line of the key it is about.
 */
export function parseFrontmatter(yamlText: string, file: string, firstLine: number): ParsedFrontmatter {
	const problems: Problem[] = [];
	const data: Frontmatter = { categories: [], draft: false };
	const lines: Record<string, number> = {};
	const counter = new LineCounter();
	const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
	const lineAt = (offset: number | undefined) =>
		offset === undefined ? firstLine : firstLine + counter.linePos(offset).line - 1;

	if (doc.errors.length) {
		for (const err of doc.errors) {
			const reason = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
			problems.push({
				severity: 'error',
				file,
				line: lineAt(err.pos?.[0]),
				field: 'frontmatter',
				message: `expected valid YAML, saw a syntax error (${reason})`,
				fix: 'put values that contain ":", "#", quotes or a leading "[", "{", "*", "&" between double quotes, e.g. title: "RPC: gọi thủ tục từ xa"'
			});
		}
		return { data, problems, lines };
	}
	if (doc.contents === null) return { data, problems, lines };
	if (!isMap(doc.contents)) {
		problems.push({
			severity: 'error',
			file,
			line: firstLine,
			field: 'frontmatter',
			message: `expected "key: value" lines, saw ${seen(doc.toJS())}`,
			fix: 'write one field per line, e.g. title: "Tiến trình và luồng"'
		});
		return { data, problems, lines };
	}

	const fail = (key: string, expected: string, value: unknown, fix: string) =>
		problems.push({
			severity: 'error',
			file,
			line: lines[key],
			field: key,
			message: `expected ${expected}, saw ${seen(value)}`,
			fix
		});

	for (const pair of doc.contents.items as Pair[]) {
		const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
		lines[key] = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
		const value = pair.value === null ? null : ((pair.value as { toJSON(): unknown }).toJSON?.() ?? null);
		// An empty value (`excerpt:`) means the same as leaving the field out.
		if (value === null || value === '') {
			if (key === 'categories') continue;
			if ((FIELDS as readonly string[]).includes(key)) continue;
		}
		switch (key) {
			case 'title':
			case 'excerpt':
			case 'author':
			case 'coverImage': {
				if (typeof value === 'string' || typeof value === 'number') {
					const text = String(value).trim();
					if (text) data[key] = text;
				} else fail(key, 'text', value, `write it as ${key}: "…" on one line`);
				break;
			}
			case 'date':
			case 'updated': {
				const result = parseDate(value);
				if (result.ok) data[key] = result.day;
				else
					problems.push({
						severity: 'error',
						file,
						line: lines[key],
						field: key,
						message: `expected ${result.expected}, saw ${seen(value)}`,
						fix: result.hint
					});
				break;
			}
			case 'categories': {
				const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
				if (!list || list.some((c) => typeof c !== 'string' && typeof c !== 'number')) {
					fail(key, 'a list of category names', value, 'write categories: ["Hệ thống phân tán", "RPC"]');
					break;
				}
				data.categories = list.map((c) => String(c).normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean);
				break;
			}
			case 'coverWidth':
			case 'coverHeight': {
				const n = typeof value === 'string' ? Number(value.replace(/px$/, '')) : value;
				if (typeof n === 'number' && Number.isFinite(n) && n > 0) data[key] = n;
				else fail(key, 'a positive number of pixels', value, `write it as ${key}: 1200`);
				break;
			}
			case 'draft': {
				if (typeof value === 'boolean') data.draft = value;
				else if (typeof value === 'string' && /^(true|false|yes|no)$/i.test(value))
					data.draft = /^(true|yes)$/i.test(value);
				else fail(key, 'true or false', value, 'write draft: true to hide the post, or remove the line');
				break;
			}
			default: {
				if (TOLERATED.has(key)) break;
				const suggestion = suggestField(key);
				problems.push({
					severity: 'warning',
					file,
					line: lines[key],
					field: key,
					message: 'unknown frontmatter key, it is ignored',
					fix: suggestion ? `did you mean "${suggestion}"?` : `known keys: ${FIELDS.join(', ')}`
				});
			}
		}
	}
	return { data, problems, lines };
}
