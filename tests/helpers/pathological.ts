/**
 * The pathological posts folder: the small hostile fixtures of tests/fixtures/pathological plus large posts written at
 * test time (too big to commit): a 45,000-line and a 100,000-line code block, a 4 MB list nested 2,000 levels by
 * indentation, and a 1 MB list of 25,000 items.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PATHOLOGICAL_DIR = resolve('.artifacts/pathological-posts');

const head = (title: string) => `---\ntitle: ${title}\ndate: 2025-05-03\n---\n\n`;

/** The large posts, by file name. */
export const LARGE_POSTS: Record<string, () => string> = {
	'code-45000-lines.md': () =>
		head('Khối mã 45.000 dòng') +
		'```js\n' +
		Array.from({ length: 45_000 }, (_, i) => `const x${i} = { a: "${i}" }; // {x} <y>`).join('\n') +
		'\n```\n',
	'code-100000-lines.md': () =>
		head('Khối mã 100.000 dòng') +
		'```\n' +
		Array.from({ length: 100_000 }, (_, i) => `line ${i} {x} <y> \\d`).join('\n') +
		'\n```\n',
	'list-nested-2000-levels.md': () =>
		head('Danh sách lồng 2.000 lớp') + Array.from({ length: 2000 }, (_, i) => '  '.repeat(i) + '- mục\n').join(''),
	'list-25000-items.md': () =>
		head('Danh sách 25.000 mục') +
		Array.from({ length: 25_000 }, (_, i) => ' '.repeat(i % 40) + `- mục danh sách ${i}\n`).join('')
};

/** Writes the folder afresh and returns its path. */
export function writePathologicalPosts(dir = PATHOLOGICAL_DIR): string {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	cpSync(resolve('tests/fixtures/pathological'), dir, { recursive: true });
	for (const [name, make] of Object.entries(LARGE_POSTS)) writeFileSync(join(dir, name), make());
	return dir;
}
