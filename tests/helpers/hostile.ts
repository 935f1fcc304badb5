/**
 * The hostile posts folder: tests/fixtures/hostile plus what cannot be committed — symlinks that lead out of the posts
 * folder (to the project's `.env`, to /etc, to the project itself), made at test time — and a canary secret in the
 * build's environment and in a `.env` file of the project, which must reach no page.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const HOSTILE_DIR = resolve('.artifacts/hostile-posts');
export const CANARY = 'canary-7f3a9c21-bi-mat-cua-lop';
const ENV_FILE = resolve('.env');
const CREATED = resolve('.artifacts/hostile-created.json');

/** Files of the project outside the folders a build or test writes, to see what a build created. */
function projectFiles(): string[] {
	const skip = new Set(['node_modules', '.git', '.artifacts', '.svelte-kit', 'build', '.scratch', '.cache']);
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			if (skip.has(name)) continue;
			const abs = join(dir, name);
			if (statSync(abs).isDirectory()) walk(abs);
			else out.push(relative('.', abs));
		}
	};
	walk(resolve('.'));
	return out.sort();
}

let before: string[] = [];

export function prepareHostile(): void {
	rmSync(HOSTILE_DIR, { recursive: true, force: true });
	mkdirSync(HOSTILE_DIR, { recursive: true });
	cpSync(resolve('tests/fixtures/hostile'), HOSTILE_DIR, { recursive: true });
	symlinkSync(ENV_FILE, join(HOSTILE_DIR, 'leak.png'));
	symlinkSync('/etc', join(HOSTILE_DIR, 'etc'));
	symlinkSync(resolve('.'), join(HOSTILE_DIR, 'up'));
	mkdirSync(join(HOSTILE_DIR, 'hinh'));
	writeFileSync(join(HOSTILE_DIR, 'hinh/.an.png'), 'hidden');
	writeFileSync(join(HOSTILE_DIR, 'hinh/cau-hinh.env'), `SECRET=${CANARY}`);
	writeFileSync(
		join(HOSTILE_DIR, 'symlinks.md'),
		[
			'---',
			'title: Liên kết tượng trưng',
			'date: 2025-06-09',
			'---',
			'',
			'![lộ](leak.png) [passwd](etc/passwd) [gói](up/package.json) ![ẩn](hinh/.an.png) [env](hinh/cau-hinh.env)',
			'',
			'<video src="up/.env" controls></video>',
			''
		].join('\n')
	);
	writeFileSync(ENV_FILE, `SECRET_CANARY=${CANARY}\nVITE_SECRET_CANARY=${CANARY}\n`);
	before = projectFiles();
}

export function cleanupHostile(): void {
	rmSync(ENV_FILE, { force: true });
	const after = projectFiles();
	const created = after.filter((f) => !before.includes(f));
	writeFileSync(CREATED, JSON.stringify(created));
}

/** Files the hostile build created in the project outside build/ and the test folders. */
export const createdByHostileBuild = (): string[] => JSON.parse(readFileSync(CREATED, 'utf8')) as string[];
