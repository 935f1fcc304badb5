/**
 * The class file (`lop.yaml`, or `CLASS_FILE`): the students of a class site and where each one keeps their posts.
 * Read and validated like frontmatter: every problem at once, each with its line, what was expected and what was seen.
 * Pure apart from reading the file; fetching is fetch.ts.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { classFile } from '../env.js';
import type { Problem } from '../content/problems.ts';
import { seen, sortProblems } from '../content/problems.ts';
import { slugify } from '../text/slug.ts';

/** Where a student's posts come from, as the class file names it. */
export type RepoKind = 'https' | 'ssh' | 'git' | 'local';

/** One student of the class file, validated. */
export interface Student {
	/** As written, shown on the site. */
	name: string;
	/** ASCII, unique in the class: `Nguyễn Văn A` → `nguyen-van-a` (a clash gets `-2`, `-3`, in file order). */
	slug: string;
	group?: string;
	/** As written in the class file (a URL or a path). */
	repo: string;
	kind: RepoKind;
	/** For a local path: the absolute path (relative paths are read from the class file's folder). */
	path?: string;
	branch?: string;
	/** Line of the student's entry in the class file. */
	line: number;
	/** Line of each field, for problems about it later (fetching, branches). */
	lines: Partial<Record<'name' | 'group' | 'repo' | 'branch', number>>;
}

/** What the class file holds. */
export interface ClassFile {
	/** The class file as the teacher sees it (relative to the project root when inside it). */
	file: string;
	/** Absolute path of the class file. */
	abs: string;
	/** Students that can be fetched (an entry with an error is left out, its problem says why). */
	students: Student[];
	/** `assignments:` kept as it is, for a later issue. */
	assignments: unknown;
	problems: Problem[];
}

/** At most this many aliases (`*x`): an alias bomb expands to gigabytes. */
const MAX_ALIASES = 50;
const KEYS = ['name', 'group', 'repo', 'branch'] as const;
const TOP_KEYS = ['students', 'assignments'];

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SCP = /^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;
const URL_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** What a class file value is refused for, if it is: a leading `-` (read as an option) or a control character. */
export function unsafeValue(value: string): string | undefined {
	if (value.startsWith('-')) return 'a value that starts with "-" (git would read it as an option)';
	const control = CONTROL.exec(value);
	if (control)
		return control[0] === '\n' || control[0] === '\r'
			? 'a value that holds a line break'
			: `a value that holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
	return undefined;
}

/**
 * The kind of a repository value, or why it is refused: `https://`, `ssh://`, `git://` URLs, scp-like
 * `git@host:path`, or a local path (a folder, a git repository, a `.bundle` file).
 */
export function repoKind(repo: string): { kind: RepoKind } | { refused: string; fix: string } {
	const unsafe = unsafeValue(repo);
	if (unsafe)
		return {
			refused: unsafe,
			fix: 'write the repository address as GitHub shows it, e.g. https://github.com/ten/blog'
		};
	if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(repo))
		return {
			refused: `a git transport ("${repo.split('::')[0]}::"), which runs a program`,
			fix: 'write an https:// or ssh address, e.g. https://github.com/ten/blog'
		};
	const url = URL_FORM.exec(repo);
	if (url) {
		const scheme = url[1].toLowerCase();
		if (scheme === 'https' || scheme === 'ssh' || scheme === 'git') return { kind: scheme };
		if (scheme === 'http')
			return { refused: 'an http:// address (not encrypted)', fix: `write https://${repo.slice(7)}` };
		if (scheme === 'file')
			return { refused: 'a file:// address', fix: `write the path itself, e.g. ${repo.slice(7) || '/srv/bai/an'}` };
		return {
			refused: `a ${scheme}:// address`,
			fix: 'use an https://, ssh://, git:// address, git@host:path or a local path'
		};
	}
	if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(repo) && !SCP.test(repo) && !/^[A-Za-z]:[\\/]/.test(repo))
		return {
			refused: `an address of an unknown kind ("${repo.split(':')[0]}:")`,
			fix: 'use an https://, ssh://, git:// address, git@host:path or a local path'
		};
	if (SCP.test(repo)) return { kind: 'ssh' };
	if (repo.startsWith('~'))
		return { refused: 'a path that starts with "~"', fix: 'write the path from the class file\'s folder or from "/"' };
	return { kind: 'local' };
}

/** Why a branch name is refused, if it is (git's own rules for a ref name, and no leading `-`). */
export function branchProblem(branch: string): string | undefined {
	const unsafe = unsafeValue(branch);
	if (unsafe) return unsafe;
	if (
		!branch ||
		/[\s~^:?*[\\]/.test(branch) ||
		branch.includes('..') ||
		branch.includes('@{') ||
		branch.includes('//') ||
		/^\/|\/$|\.$|\.lock$|^@$/.test(branch) ||
		branch.split('/').some((part) => part.startsWith('.'))
	)
		return 'a name git does not accept for a branch';
	return undefined;
}

/** Same repository, written two ways: case of the host, a trailing `/` or `.git`, a relative path. */
function repoKey(student: Pick<Student, 'repo' | 'kind' | 'path'>): string {
	if (student.kind === 'local') return `local:${student.path}`;
	let text = student.repo.trim();
	while (text.endsWith('/')) text = text.slice(0, -1);
	if (text.toLowerCase().endsWith('.git')) text = text.slice(0, -4);
	const scp = /^([^@]+)@([^:]+):/.exec(text);
	if (scp && !text.includes('://')) text = `ssh://${scp[1]}@${scp[2]}/${text.slice(scp[0].length)}`;
	// https://github.com/a/b and git@github.com:a/b are one repository: the host (without a user) and the path.
	const scheme = /^[a-z]+:\/\//i.exec(text);
	if (!scheme) return text;
	const rest = text.slice(scheme[0].length);
	const slash = rest.indexOf('/');
	const authority = slash < 0 ? rest : rest.slice(0, slash);
	const host = authority.slice(authority.lastIndexOf('@') + 1);
	return `${host.toLowerCase()}${slash < 0 ? '' : rest.slice(slash)}`;
}

/** Unique slugs in file order: `nguyen-van-a`, `nguyen-van-a-2`. */
function slugger(): (name: string) => string {
	const taken = new Set<string>();
	return (name) => {
		const base = slugify(name) || 'sinh-vien';
		let slug = base;
		for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
		taken.add(slug);
		return slug;
	};
}

/** Parses and validates the text of a class file. `abs` is its path (local repositories are read from its folder). */
export function parseClassFile(text: string, abs: string, root = process.cwd()): ClassFile {
	const rel = relative(root, abs);
	const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
	const problems: Problem[] = [];
	const result: ClassFile = { file, abs, students: [], assignments: undefined, problems };
	const counter = new LineCounter();
	const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
		lineCounter: counter,
		prettyErrors: false,
		uniqueKeys: true
	});
	const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : counter.linePos(offset).line);
	const lineOf = (node: unknown) => lineAt(isNode(node) ? node.range?.[0] : undefined);
	const site = (line: number, field: string, message: string, fix: string) =>
		problems.push({ severity: 'error', scope: 'site', file, line, field, message, fix });
	const entry = (line: number, field: string, message: string, fix: string) =>
		problems.push({ severity: 'error', scope: 'post', file, line, field, message, fix });
	const toJS = (node: unknown): unknown => {
		try {
			return isNode(node) ? node.toJS(doc, { maxAliasCount: MAX_ALIASES }) : node;
		} catch {
			return undefined;
		}
	};

	if (doc.errors.length) {
		for (const err of doc.errors)
			site(
				lineAt(err.pos?.[0]),
				'class file',
				err.code === 'TAB_AS_INDENT'
					? 'expected lines indented with spaces, saw a tab at the start of the line'
					: `expected valid YAML, saw a syntax error (${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')})`,
				err.code === 'TAB_AS_INDENT'
					? 'indent with spaces, e.g. "  - name: Nguyễn Văn A"'
					: 'put values that contain ":" or "#" between double quotes, e.g. name: "Nhóm 3: An"'
			);
		return result;
	}
	if (!isMap(doc.contents)) {
		site(
			1,
			'class file',
			`expected "students:" followed by a list, saw ${doc.contents === null ? 'an empty file' : seen(toJS(doc.contents))}`,
			'start the file with "students:" and one "- name: …" entry per student'
		);
		return result;
	}
	let students: Node | null | undefined;
	for (const pair of doc.contents.items as Pair[]) {
		const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
		if (key === 'students') students = pair.value as Node | null;
		else if (key === 'assignments') result.assignments = toJS(pair.value);
		else
			site(
				lineOf(pair.key),
				JSON.stringify(key).slice(1, -1),
				`expected one of ${TOP_KEYS.join(', ')}, saw ${seen(key)}`,
				'remove this key or move it under a student'
			);
	}
	if (!students || !isSeq(students)) {
		site(
			students ? lineOf(students) : 1,
			'students',
			`expected a list of students, saw ${students === undefined ? 'no "students:" key' : seen(toJS(students))}`,
			'write one "- name: …" entry per student under "students:", each with its repo'
		);
		return result;
	}

	const nextSlug = slugger();
	const byName = new Map<string, number>();
	const byRepo = new Map<string, number>();
	for (const item of students.items) {
		const line = lineOf(item);
		if (!isMap(item)) {
			entry(
				line,
				'students',
				`expected a student ("name:" and "repo:"), saw ${seen(toJS(item))}`,
				'write "- name: Nguyễn Văn A" and, under it, "  repo: https://github.com/…"'
			);
			continue;
		}
		const values: Partial<Record<(typeof KEYS)[number], string>> = {};
		const lines: Student['lines'] = {};
		let ok = true;
		for (const pair of item.items as Pair[]) {
			const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
			const keyLine = lineOf(pair.key);
			if (!(KEYS as readonly string[]).includes(key)) {
				entry(
					keyLine,
					JSON.stringify(key).slice(1, -1),
					`expected one of ${KEYS.join(', ')}, saw ${seen(key)}`,
					'remove this key (a student has name, repo and, if needed, group and branch)'
				);
				continue;
			}
			const k = key as (typeof KEYS)[number];
			lines[k] = keyLine;
			const value = toJS(pair.value);
			const text = typeof value === 'number' ? String(value) : value;
			if (typeof text !== 'string' || !text.trim()) {
				if (k === 'group' && (value === null || value === '')) continue;
				entry(
					keyLine,
					k,
					`expected text, saw ${value === undefined ? 'nothing readable' : seen(value)}`,
					k === 'branch'
						? 'write the branch name, e.g. branch: master, or remove the line'
						: `write the ${k} after "${k}:"`
				);
				ok = false;
				continue;
			}
			values[k] = k === 'repo' || k === 'branch' ? text.trim() : text.trim().normalize('NFC');
		}
		if (values.name === undefined && !lines.name) {
			entry(
				line,
				'name',
				'expected the student\'s name, saw no "name:"',
				'add "name: Nguyễn Văn A" (shown on the site)'
			);
			ok = false;
		}
		if (values.repo === undefined && !lines.repo) {
			entry(
				line,
				'repo',
				'expected the repository, saw no "repo:"',
				'add "repo: https://github.com/ten/blog" (or a local folder)'
			);
			ok = false;
		}
		if (values.name !== undefined) {
			const control = unsafeValue(values.name.replace(/^-+/, ''));
			if (control) {
				entry(
					lines.name!,
					'name',
					`expected a name, saw ${control}`,
					'write the name on one line, as it should be shown'
				);
				ok = false;
			}
		}
		let kind: RepoKind | undefined;
		let path: string | undefined;
		if (values.repo !== undefined) {
			const found = repoKind(values.repo);
			if ('refused' in found) {
				entry(
					lines.repo!,
					'repo',
					`expected an https://, ssh://, git:// address, git@host:path or a local path, saw ${found.refused}: ${seen(values.repo)}`,
					found.fix
				);
				ok = false;
			} else {
				kind = found.kind;
				if (kind === 'local') path = resolve(abs, '..', values.repo);
			}
		}
		if (values.branch !== undefined) {
			const bad = branchProblem(values.branch);
			if (bad) {
				entry(
					lines.branch!,
					'branch',
					`expected a branch name such as master, saw ${bad}: ${seen(values.branch)}`,
					'write the branch as GitHub shows it, or remove the line to use the default branch'
				);
				ok = false;
			}
		}
		if (values.name !== undefined) {
			const key = values.name.toLocaleLowerCase('vi');
			const first = byName.get(key);
			if (first !== undefined) {
				entry(
					lines.name!,
					'name',
					`expected a name no other student has, saw ${seen(values.name)} (also on line ${first})`,
					'add what tells them apart, e.g. "Nguyễn Văn A (K66)"'
				);
				ok = false;
			} else byName.set(key, lines.name!);
		}
		if (values.repo !== undefined && kind) {
			const key = repoKey({ repo: values.repo, kind, path });
			const first = byRepo.get(key);
			if (first !== undefined) {
				entry(
					lines.repo!,
					'repo',
					`expected a repository no other student has, saw ${seen(values.repo)} (also on line ${first})`,
					'give each student their own repository, or list the student once'
				);
				ok = false;
			} else byRepo.set(key, lines.repo!);
		}
		if (!ok || values.name === undefined || values.repo === undefined || !kind) continue;
		result.students.push({
			name: values.name,
			slug: nextSlug(values.name),
			...(values.group ? { group: values.group } : {}),
			repo: values.repo,
			kind,
			...(path ? { path } : {}),
			...(values.branch ? { branch: values.branch } : {}),
			line,
			lines
		});
	}
	result.problems = sortProblems(problems);
	return result;
}

/**
 * Reads the class file (`CLASS_FILE`, else `lop.yaml` at the project root). Undefined when there is none: the site is
 * then built from the posts folder alone, as without a class.
 */
export function readClassFile(
	root = process.cwd(),
	name = classFile(),
	explicit = Boolean(process.env.CLASS_FILE?.trim())
): ClassFile | undefined {
	const abs = resolve(root, name);
	let text: string;
	try {
		text = readFileSync(abs, 'utf8');
	} catch (error) {
		// a CLASS_FILE that names no file is a typo, never "no class": the site would lose every student
		if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return undefined;
		const file = relative(root, abs) || abs;
		return {
			file,
			abs,
			students: [],
			assignments: undefined,
			problems: [
				{
					severity: 'error',
					scope: 'site',
					file,
					field: 'class file',
					message: `expected a readable class file, saw ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no file at that path (CLASS_FILE)' : ((error as NodeJS.ErrnoException).code ?? 'an error')}`,
					fix: "check the CLASS_FILE setting and the file's permissions"
				}
			]
		};
	}
	return parseClassFile(text, abs, root);
}

/** Whether the class file can be used: no error in it at all. */
export const classFileValid = (file: ClassFile) => !file.problems.some((p) => p.severity === 'error');
