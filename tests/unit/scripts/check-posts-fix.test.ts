import {
	chmodSync,
	copyFileSync,
	linkSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixMojibake, replaceFile } from '../../../scripts/check-posts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

/** A fresh folder with copies of some fixture files. */
function folder(...files: string[]): string {
	const dir = mkdtempSync(join(tmpdir(), 'fix-'));
	for (const f of files) copyFileSync(join(FIXTURES, f), join(dir, f.split('/').pop()!));
	return dir;
}

// Finding 12 of issue 21: `--fix` changed clean text (`«Ä»`), "repaired" mojibake shown as an example in code,
// and wrote in place (a post killed mid-write was left empty).
describe('check:posts --fix', () => {
	it('leaves clean text such as «Ä» as it is, byte for byte', async () => {
		const dir = folder('mojibake-fix/sach.md');
		const before = readFileSync(join(dir, 'sach.md'));
		expect(await fixMojibake(dir, dir)).toEqual([]);
		expect(readFileSync(join(dir, 'sach.md')).equals(before)).toBe(true);
	});

	it('repairs the text and leaves mojibake in fenced, inline and HTML code as written', async () => {
		const dir = folder('mojibake-fix/vi-du-trong-ma.md');
		const lines = await fixMojibake(dir, dir);
		expect(lines[0]).toMatch(/^fixed vi-du-trong-ma\.md: \d+ spots repaired/);
		const text = readFileSync(join(dir, 'vi-du-trong-ma.md'), 'utf8');
		expect(text).toContain('title: "Tiến trình"');
		expect(text).toContain('Một đoạn bị lỗi mã.');
		expect(text).toContain('```text\nTiáº¿n trÃ¬nh\n```');
		expect(text).toContain('`Tiáº¿n` trong dòng, <code>Tiáº¿n</code> hoặc');
		expect(text).toContain('<pre>Tiáº¿n trÃ¬nh</pre>');
		expect(text).toContain('~~~\nTiáº¿n chÆ°a Ä‘Ã³ng');
	});

	it('replaces the post whole through a file beside it, never writing into it', async () => {
		const dir = folder('mojibake-fix/vi-du-trong-ma.md');
		const post = join(dir, 'vi-du-trong-ma.md');
		const before = readFileSync(post, 'utf8');
		// A second name for the same file: a write in place would change it too, a rename leaves it as it was.
		linkSync(post, join(dir, 'old-name.txt'));
		await fixMojibake(dir, dir);
		expect(readFileSync(join(dir, 'old-name.txt'), 'utf8')).toBe(before);
		expect(readFileSync(post, 'utf8')).not.toBe(before);
		expect(readdirSync(dir).sort()).toEqual(['old-name.txt', 'vi-du-trong-ma.md']);
	});

	it('leaves no temporary file behind when the rename fails', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fix-'));
		const post = join(dir, 'a.md');
		writeFileSync(post, 'cũ');
		mkdirSync(join(dir, 'b.md'));
		writeFileSync(join(dir, 'b.md', 'x'), '');
		expect(() => replaceFile(join(dir, 'b.md'), 'mới')).toThrow();
		expect(readdirSync(dir).sort()).toEqual(['a.md', 'b.md']);
		expect(readFileSync(post, 'utf8')).toBe('cũ');
	});

	it('keeps the permissions of the post, and replaces the file a link points at, not the link', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fix-'));
		const real = join(dir, 'real.md');
		writeFileSync(real, 'cũ');
		chmodSync(real, 0o640);
		symlinkSync(real, join(dir, 'link.md'));
		replaceFile(join(dir, 'link.md'), 'mới');
		expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
		expect(readFileSync(real, 'utf8')).toBe('mới');
		expect(statSync(real).mode & 0o777).toBe(0o640);
	});

	it('does not touch a file that is not UTF-8', async () => {
		const dir = folder('encodings/gbk.md', 'encodings/cp1258.md');
		const before = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
		expect(await fixMojibake(dir, dir)).toEqual([]);
		expect(readdirSync(dir).map((f, i) => readFileSync(join(dir, f)).equals(before[i]))).toEqual([true, true]);
	});
});
