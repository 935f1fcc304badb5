/** Small readers for built HTML files. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { textOf } from './render';

export { textOf };

/** Every file below `dir`, as paths relative to it with `/`. */
export function listFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const name of readdirSync(d)) {
			const full = join(d, name);
			if (statSync(full).isDirectory()) walk(full);
			else out.push(relative(dir, full).split('\\').join('/'));
		}
	};
	walk(dir);
	return out.sort();
}

/** Text content of the first element matching a simple tag/class pattern, e.g. `h1` or `main`. */
export function firstTag(html: string, tag: string): string | undefined {
	const m = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
	return m ? textOf(m[1]) : undefined;
}

/** Values of an attribute on every tag, e.g. all `href`s. */
export function attributes(html: string, attr: string): string[] {
	return [...html.matchAll(new RegExp(`\\s${attr}="([^"]*)"`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));
}
