/**
 * The frontmatter contract with authors, written once: a table of field validators from which the type is inferred.
 * A field whose value is wrong is a content error; the post itself stays readable, so lenient mode publishes it
 * without that value.
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Pair } from 'yaml';
import { stripControlDeep } from '../text/control.ts';
import { parseDate, type CalendarDay } from '../text/date.ts';
import { urlScheme } from '../text/urls.ts';
import { seen, type Problem } from './problems.ts';

type Check<T> = { ok: true; value: T } | { ok: false; expected: string; fix: string };

interface Field<T> {
	/** Validates a value as YAML gave it (never null or empty: those mean the field is left out). */
	read(value: unknown, key: string): Check<T>;
	/** The value when the field is absent or wrong, if it has one. */
	fallback?: T;
}

const text: Field<string> = {
	read: (value, key) =>
		typeof value === 'string' || typeof value === 'number'
			? { ok: true, value: String(value).trim() }
			: { ok: false, expected: 'text', fix: `write it as ${key}: "…" on one line` }
};

/** A cover: a path in the site or beside the post, or an http(s) URL; never javascript:, data: or another scheme. */
const image: Field<string> = {
	read: (value, key) => {
		const checked = text.read(value, key);
		if (!checked.ok) return checked;
		const scheme = urlScheme(checked.value);
		if (scheme && scheme !== 'http' && scheme !== 'https')
			return {
				ok: false,
				expected: 'an image path (/images/x.png, ./x.png) or an http(s) URL',
				fix: 'put the image in static/images/ or next to the post and write its path'
			};
		return checked;
	}
};

const day: Field<CalendarDay> = {
	read: (value) => {
		const result = parseDate(value);
		return result.ok ? { ok: true, value: result.day } : { ok: false, expected: result.expected, fix: result.hint };
	}
};

const pixels: Field<number> = {
	read: (value, key) => {
		const n = typeof value === 'string' ? Number(value.replace(/px$/, '')) : value;
		return typeof n === 'number' && Number.isFinite(n) && n > 0
			? { ok: true, value: n }
			: { ok: false, expected: 'a positive number of pixels', fix: `write it as ${key}: 1200` };
	}
};

/** A place in a series: 1, 2, 3… (0 and halves are fine too: `order: 2.5` goes between 2 and 3). */
const position: Field<number> = {
	read: (value, key) => {
		const n = typeof value === 'string' ? Number(value.trim()) : value;
		return typeof n === 'number' && Number.isFinite(n) && n >= 0
			? { ok: true, value: n }
			: { ok: false, expected: 'a number such as 3', fix: `write it as ${key}: 3` };
	}
};

const names: Field<string[]> & { fallback: string[] } = {
	fallback: [],
	read: (value) => {
		const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
		if (!list || list.some((c) => typeof c !== 'string' && typeof c !== 'number'))
			return { ok: false, expected: 'a list of category names', fix: 'write categories: ["Hệ thống phân tán", "RPC"]' };
		return {
			ok: true,
			value: list.map((c) => String(c).normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean)
		};
	}
};

const flag: Field<boolean> & { fallback: boolean } = {
	fallback: false,
	read: (value) => {
		if (typeof value === 'boolean') return { ok: true, value };
		if (typeof value === 'string' && /^(true|false|yes|no)$/i.test(value))
			return { ok: true, value: /^(true|yes)$/i.test(value) };
		return { ok: false, expected: 'true or false', fix: 'write draft: true to hide the post, or remove the line' };
	}
};

/** Every frontmatter field, in the order the README lists them. */
export const FIELDS = {
	title: text,
	date: day,
	updated: day,
	categories: names,
	coverImage: image,
	coverWidth: pixels,
	coverHeight: pixels,
	excerpt: text,
	author: text,
	series: text,
	order: position,
	draft: flag
} as const;

type FieldValue<F> = F extends Field<infer T> ? T : never;
type WithFallback = {
	[K in keyof typeof FIELDS]: (typeof FIELDS)[K] extends { fallback: unknown } ? K : never;
}[keyof typeof FIELDS];

/** Validated frontmatter: fields with a fallback are always there, the others when the author gave a good value. */
export type Frontmatter = { [K in WithFallback]: FieldValue<(typeof FIELDS)[K]> } & {
	[K in Exclude<keyof typeof FIELDS, WithFallback>]?: FieldValue<(typeof FIELDS)[K]>;
};

const FIELD_NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[];
const isField = (key: string): key is keyof typeof FIELDS => Object.hasOwn(FIELDS, key);

/** Keys that some starters use; accepted silently so a fork's posts build as they are. */
const TOLERATED = new Set(['layout', 'slug', 'description', 'lang', 'toc', 'math']);

/**
 * Keys of the SvelteKit blog starter that mean one of ours: `published: false` is a draft, and `tags` are categories
 * (merged with `categories`, once each). Read with the same validators, so a wrong value gets the same message.
 */
const STARTER = {
	published: {
		read: (value: unknown) => {
			const checked = flag.read(value, 'published');
			return checked.ok
				? checked
				: {
						...checked,
						fix: 'write published: false to keep the post as a draft (or draft: true), or remove the line'
					};
		}
	},
	tags: {
		read: (value: unknown) => {
			const checked = names.read(value, 'tags');
			return checked.ok
				? checked
				: {
						ok: false as const,
						expected: 'a list of tag names',
						fix: 'write tags: ["RPC", "gRPC"] (tags are shown as categories)'
					};
		}
	}
} satisfies Record<string, Field<unknown>>;
const isStarterKey = (key: string): key is keyof typeof STARTER => Object.hasOwn(STARTER, key);

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
	const lower = key.toLowerCase().slice(0, 40);
	let best: string | undefined;
	let bestScore = Infinity;
	for (const field of FIELD_NAMES) {
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
	lines: Map<string, number>;
	/** False when the YAML itself cannot be read: the post cannot be published. */
	readable: boolean;
}

/** At most this many aliases (`*x`) in one frontmatter: an alias bomb expands to gigabytes. */
const MAX_ALIASES = 50;

/**
 * Parses and validates frontmatter YAML. `firstLine` is the file line of the YAML's first line; every problem carries
 * the file line of the key it is about.
 */
export function parseFrontmatter(yamlText: string, file: string, firstLine: number): ParsedFrontmatter {
	const problems: Problem[] = [];
	/** A field's value that its validator refused: the post is published without it. */
	const fieldError = (
		field: string,
		line: number | undefined,
		result: { expected: string; fix: string },
		value: unknown
	): Problem => ({
		severity: 'error',
		scope: 'field',
		file,
		line,
		field,
		message: `expected ${result.expected}, saw ${seen(value)}`,
		fix: result.fix
	});
	const data = { categories: [], draft: false } as Frontmatter;
	const lines = new Map<string, number>();
	const counter = new LineCounter();
	const unreadable = (line: number, message: string, fix: string): ParsedFrontmatter => ({
		data,
		lines,
		readable: false,
		problems: [{ severity: 'error', scope: 'post', file, line, field: 'frontmatter', message, fix }]
	});
	const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
	const lineAt = (offset: number | undefined) =>
		offset === undefined ? firstLine : firstLine + counter.linePos(offset).line - 1;

	// A tab at the start of a line: YAML allows only spaces there, and what follows the first error is noise.
	const tabs = doc.errors.filter((err) => err.code === 'TAB_AS_INDENT');
	if (tabs.length) {
		return {
			data,
			lines,
			readable: false,
			problems: [...new Set(tabs.map((err) => lineAt(err.pos?.[0])))].map((line) => ({
				severity: 'error',
				scope: 'post',
				file,
				line,
				field: 'frontmatter',
				message:
					'expected lines indented with spaces, saw a tab at the start of the line (YAML does not allow tabs there)',
				fix: 'replace the tab with two spaces, e.g. "  - RPC" under categories: (set your editor to indent with spaces)'
			}))
		};
	}
	if (doc.errors.length) {
		return {
			data,
			lines,
			readable: false,
			problems: doc.errors.map((err) => ({
				severity: 'error',
				scope: 'post',
				file,
				line: lineAt(err.pos?.[0]),
				field: 'frontmatter',
				message: `expected valid YAML, saw a syntax error (${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')})`,
				fix: 'put values that contain ":", "#", quotes or a leading "[", "{", "*", "&" between double quotes, e.g. title: "RPC: gọi thủ tục từ xa"'
			}))
		};
	}
	if (doc.contents === null) return { data, problems, lines, readable: true };
	if (!isMap(doc.contents)) {
		let shown = 'something else';
		try {
			shown = seen(doc.toJS({ maxAliasCount: MAX_ALIASES }));
		} catch {
			// shown as "something else"
		}
		return unreadable(
			firstLine,
			`expected "key: value" lines, saw ${shown}`,
			'write one field per line, e.g. title: "Tiến trình và luồng"'
		);
	}

	let published: boolean | undefined;
	let tags: string[] = [];
	for (const pair of doc.contents.items as Pair[]) {
		// A control character in a key would reach the terminal through the unknown-key warning.
		const key = stripControlDeep(isScalar(pair.key) ? String(pair.key.value) : String(pair.key)).value as string;
		const line = lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
		lines.set(key, line);
		let value: unknown;
		try {
			value = isNode(pair.value) ? pair.value.toJS(doc, { maxAliasCount: MAX_ALIASES }) : null;
		} catch (error) {
			// An alias bomb: YAML that expands to gigabytes cannot be read safely.
			return unreadable(
				line,
				`expected plain YAML, saw aliases (*name) that expand too much (${(error as Error).message.split('\n')[0]})`,
				'write the values out instead of using YAML aliases'
			);
		}
		if (isStarterKey(key)) {
			if (value === null || value === '') continue;
			const result = STARTER[key].read(stripControlDeep(value).value);
			if (!result.ok) problems.push(fieldError(key, line, result, value));
			else if (key === 'published') published = result.value as boolean;
			else tags = result.value as string[];
			continue;
		}
		if (!isField(key)) {
			if (TOLERATED.has(key)) continue;
			const suggestion = suggestField(key);
			problems.push({
				severity: 'warning',
				file,
				line,
				field: key,
				message: 'unknown frontmatter key, it is ignored',
				fix: suggestion ? `did you mean "${suggestion}"?` : `known keys: ${FIELD_NAMES.join(', ')}`
			});
			continue;
		}
		// An empty value (`excerpt:`) means the same as leaving the field out.
		if (value === null || value === '') continue;
		// Control characters are never text, and one in a title makes the feed unreadable: removed before any output.
		const cleaned = stripControlDeep(value);
		if (cleaned.removed.length) {
			value = cleaned.value;
			problems.push({
				severity: 'warning',
				file,
				line,
				field: key,
				message: `expected text without control characters, saw ${cleaned.removed.join(', ')}; ${cleaned.removed.length > 1 ? 'they were' : 'it was'} removed`,
				fix: 'retype the text of this field (an invisible character was pasted into it)'
			});
			if (value === '') continue;
		}
		const field = FIELDS[key] as Field<unknown>;
		const result = field.read(value, key);
		if (result.ok) {
			if (result.value !== '') (data as Record<string, unknown>)[key] = result.value;
		} else problems.push(fieldError(key, line, result, value));
	}
	if (published === false) data.draft = true;
	if (tags.length) data.categories = mergeNames(data.categories, tags);
	return { data, problems, lines, readable: true };
}

/** Categories then tags, each name once (compared without case: `RPC` and `rpc` are one category). */
function mergeNames(categories: string[], tags: string[]): string[] {
	const seenNames = new Set<string>();
	return [...categories, ...tags].filter((name) => {
		const key = name.toLocaleLowerCase('vi');
		if (seenNames.has(key)) return false;
		seenNames.add(key);
		return true;
	});
}
