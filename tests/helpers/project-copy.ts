/**
 * A copy of the project in a temporary folder (sources, settings, its own posts; node_modules linked), for tests that
 * build or serve while other tests do the same: each copy has its own .svelte-kit, build and cache folders.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SOURCES = ['src', 'scripts', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'tsconfig.json'];

/** Copies the project into `<tmp>/<name>` with `posts` as its posts folder; returns its path and a remover. */
export function copyProject(name: string, posts: string): { dir: string; remove: () => void } {
	const parent = mkdtempSync(join(tmpdir(), 'project-'));
	const dir = join(parent, name);
	mkdirSync(dir);
	for (const entry of SOURCES) cpSync(resolve(entry), join(dir, entry), { recursive: true });
	cpSync(resolve(posts), join(dir, 'posts'), { recursive: true });
	symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
	return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
