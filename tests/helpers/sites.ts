/**
 * The sites the build and browser tests look at, each built once by `npm run build` with its own posts folder and
 * settings into `.artifacts/sites/<name>/`. Builds run one after another: two at once do not fit on 2 cores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SiteSpec {
	name: string;
	env: Record<string, string>;
	/** The build is expected to fail (content errors). */
	fails?: boolean;
}

export const SITES_DIR = resolve('.artifacts/sites');

export const SITES: SiteSpec[] = [
	{
		name: 'fixtures',
		env: {
			POSTS_DIR: 'tests/fixtures/site',
			BASE_PATH: '/my-notes',
			SITE_URL: 'https://sv.github.io',
			// Dates must keep their calendar day whatever the machine's time zone.
			TZ: 'America/Los_Angeles'
		}
	},
	{ name: 'demo', env: { SITE_URL: 'https://example.github.io' } },
	{ name: 'seeds', env: { POSTS_DIR: '../shared/seeds' } },
	{ name: 'corpus', env: { POSTS_DIR: '../shared/corpus/posts', CONTENT_ERRORS: 'warn' } },
	{ name: 'errors', env: { POSTS_DIR: 'tests/fixtures/errors' }, fails: true },
	{ name: 'errors-warn', env: { POSTS_DIR: 'tests/fixtures/errors', CONTENT_ERRORS: 'warn' } }
];

export interface BuiltSite {
	name: string;
	dir: string;
	code: number;
	output: string;
	seconds: number;
	base: string;
}

const record = (name: string) => join(SITES_DIR, `${name}.json`);

export function buildSite(spec: SiteSpec): BuiltSite {
	mkdirSync(SITES_DIR, { recursive: true });
	const dir = join(SITES_DIR, spec.name);
	const started = performance.now();
	const result = spawnSync('npm', ['run', 'build'], {
		env: { ...process.env, CONTENT_ERRORS: '', BASE_PATH: '', ...spec.env, BUILD_DIR: dir, FORCE_COLOR: '0' },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	const site: BuiltSite = {
		name: spec.name,
		dir,
		code: result.status ?? 1,
		output: `${result.stdout}\n${result.stderr}`,
		seconds: (performance.now() - started) / 1000,
		base: spec.env.BASE_PATH ?? ''
	};
	writeFileSync(record(spec.name), JSON.stringify(site));
	return site;
}

/** A site built by the global setup. */
export function site(name: string): BuiltSite {
	const file = record(name);
	if (!existsSync(file)) throw new Error(`site ${name} was not built; run the tests through \`npm test\``);
	return JSON.parse(readFileSync(file, 'utf8')) as BuiltSite;
}

/** Text of a built file, e.g. `read(site, 'posts/a/index.html')`. */
export const read = (s: BuiltSite, path: string) => readFileSync(join(s.dir, path), 'utf8');
