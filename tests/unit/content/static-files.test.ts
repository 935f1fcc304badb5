/** Issue 21, finding 4: a link in static/ must not publish a file from outside it, nor stop the build. */
import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/problems';
import { stageStatic } from '../../../src/lib/content/static-files';

const work = mkdtempSync(join(tmpdir(), 'static-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A project with a static/ folder and a secret beside it, as .git/config is on CI. */
function project(name: string): { root: string; dir: string; stage: string } {
	const root = join(work, name);
	mkdirSync(join(root, 'static/images'), { recursive: true });
	mkdirSync(join(root, '.git'));
	writeFileSync(join(root, '.git/config'), 'extraheader = AUTHORIZATION: basic c2VjcmV0');
	writeFileSync(join(root, 'static/robots.txt'), 'User-agent: *\n');
	writeFileSync(join(root, 'static/images/a.png'), 'png bytes');
	return { root, dir: join(root, 'static'), stage: join(root, '.svelte-kit/course-notes/static') };
}

const files = (dir: string): string[] =>
	(readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
		.filter((f) => lstatSync(join(dir, f)).isFile())
		.map((f) => f.split('\\').join('/'))
		.sort();

describe('stageStatic', () => {
	it('uses static/ as it is when it holds no link and no SVG', () => {
		const p = project('plain');
		expect(stageStatic(p.dir, p.stage, p.root)).toEqual({ dir: p.dir, staged: false, problems: [] });
		expect(existsSync(p.stage)).toBe(false);
	});

	it('stages a copy without links that lead out (a file, a folder), names each, and keeps a link inside as a copy', () => {
		const p = project('links');
		symlinkSync('/etc/passwd', join(p.dir, 'passwd.txt'));
		symlinkSync(join(p.root, '.git/config'), join(p.dir, 'images/config.png'));
		symlinkSync('/etc', join(p.dir, 'etc'));
		symlinkSync(join(p.root, '.git'), join(p.dir, 'git'));
		symlinkSync(join(p.dir, 'images/a.png'), join(p.dir, 'logo.png'));
		symlinkSync(join(p.dir, 'images'), join(p.dir, 'hinh'));
		symlinkSync(p.dir, join(p.dir, 'images/vong'));
		symlinkSync(join(p.root, 'missing.png'), join(p.dir, 'dangling.png'));
		const r = stageStatic(p.dir, p.stage, p.root);
		expect(r.staged).toBe(true);
		expect(r.dir).toBe(p.stage);
		expect(files(r.dir)).toEqual(['hinh/a.png', 'images/a.png', 'logo.png', 'robots.txt']);
		expect(readFileSync(join(r.dir, 'logo.png'), 'utf8')).toBe('png bytes');
		for (const f of files(r.dir)) expect(lstatSync(join(r.dir, f)).isSymbolicLink()).toBe(false);
		expect(r.problems.map(formatProblem).sort()).toEqual([
			'static/dangling.png file: expected a file, saw a link to nothing; it is not published; remove the link',
			'static/etc file: expected a file inside static/, saw a link that leads out of it (to /etc); it is not published; put the file itself in static/',
			`static/git file: expected a file inside static/, saw a link that leads out of it (to ${join(p.root, '.git')}); it is not published; put the file itself in static/`,
			`static/hinh/config.png file: expected a file inside static/, saw a link that leads out of it (to ${join(p.root, '.git/config')}); it is not published; put the file itself in static/`,
			'static/hinh/vong file: expected a folder, saw a link to a folder that contains it; it is not published; remove the link',
			`static/images/config.png file: expected a file inside static/, saw a link that leads out of it (to ${join(p.root, '.git/config')}); it is not published; put the file itself in static/`,
			'static/images/vong file: expected a folder, saw a link to a folder that contains it; it is not published; remove the link',
			'static/passwd.txt file: expected a file inside static/, saw a link that leads out of it (to /etc/passwd); it is not published; put the file itself in static/'
		]);
		for (const f of files(r.dir)) expect(readFileSync(join(r.dir, f), 'utf8')).not.toMatch(/root:|AUTHORIZATION/);
	});

	it('cleans SVG in static/ as beside posts, and leaves out one it cannot read', () => {
		const p = project('svg');
		writeFileSync(
			join(p.dir, 'images/so-do.svg'),
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="4" height="4"/></svg>'
		);
		writeFileSync(join(p.dir, 'images/hong.svg'), 'not a drawing');
		const r = stageStatic(p.dir, p.stage, p.root);
		expect(files(r.dir)).toEqual(['images/a.png', 'images/so-do.svg', 'robots.txt']);
		expect(readFileSync(join(r.dir, 'images/so-do.svg'), 'utf8')).toBe(
			'<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4" /></svg>'
		);
		expect(r.problems.map(formatProblem).sort()).toEqual([
			'static/images/hong.svg file: expected an SVG drawing, saw a file that does not read as one <svg> drawing; it is not published; export the drawing again as SVG, or as PNG',
			'static/images/so-do.svg file: expected an SVG drawing with nothing that runs or loads, saw onLoad on <svg>; it is published without them; export the drawing again without scripts, links or embedded pages'
		]);
	});

	it('starts again from an empty stage on every build', () => {
		const p = project('again');
		symlinkSync('/etc/hostname', join(p.dir, 'host.txt'));
		mkdirSync(p.stage, { recursive: true });
		writeFileSync(join(p.stage, 'left-over.txt'), 'from the last build');
		expect(files(stageStatic(p.dir, p.stage, p.root).dir)).toEqual(['images/a.png', 'robots.txt']);
	});
});
