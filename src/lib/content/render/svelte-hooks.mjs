// Node module hooks for the compile workers, so a post's compiled component can be imported and rendered without a
// bundler: `$lib/…` resolves to src/lib, and `.svelte` files compile for the server with their CSS injected (pages ship
// no JavaScript, so component CSS must travel with the HTML).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile } from 'svelte/compiler';

let lib = '';

export function initialize(data) {
	lib = data.lib;
}

const CANDIDATES = ['', '.ts', '.js', '/index.ts', '/index.js'];

export async function resolve(specifier, context, next) {
	if (specifier === '$lib' || specifier.startsWith('$lib/')) {
		const base = join(lib, specifier.slice('$lib'.length));
		for (const suffix of CANDIDATES) {
			if (existsSync(base + suffix) && (suffix || /\.\w+$/.test(base))) {
				return { url: pathToFileURL(base + suffix).href, shortCircuit: true };
			}
		}
	}
	return next(specifier, context);
}

export async function load(url, context, next) {
	if (url.startsWith('file:') && url.endsWith('.svelte')) {
		const file = fileURLToPath(url);
		const { js } = compile(await readFile(file, 'utf8'), {
			filename: file,
			generate: 'server',
			css: 'injected',
			dev: false
		});
		return { format: 'module', source: js.code, shortCircuit: true };
	}
	return next(url, context);
}
