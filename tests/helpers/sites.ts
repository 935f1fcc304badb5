/**
 * The sites the build and browser tests look at, each built once by `npm run build` with its own posts folder and
 * settings into `.artifacts/sites/<name>/`. Builds run one after another: two at once do not fit on 2 cores.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runMeasured } from '../../bench/measure';
import { CANARY, HOSTILE_DIR, cleanupHostile, prepareHostile } from './hostile';
import { PATHOLOGICAL_DIR, writePathologicalPosts } from './pathological';
import { hasShared } from './shared';

export interface SiteSpec {
	name: string;
	env: Record<string, string>;
	/** The build is expected to fail (content errors). */
	fails?: boolean;
	/** Needs ../shared (skipped in a fork without it). */
	shared?: boolean;
	/** Writes the posts folder before the build. */
	prepare?: () => void;
	/** Runs after the build. */
	cleanup?: () => void;
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
	{ name: 'images', env: { POSTS_DIR: 'tests/fixtures/images', BASE_PATH: '/ghi-chep' } },
	{ name: 'seeds', env: { POSTS_DIR: '../shared/seeds' }, shared: true },
	{ name: 'corpus', env: { POSTS_DIR: '../shared/corpus/posts', CONTENT_ERRORS: 'warn' }, shared: true },
	{ name: 'errors', env: { POSTS_DIR: 'tests/fixtures/errors' }, fails: true },
	{ name: 'errors-warn', env: { POSTS_DIR: 'tests/fixtures/errors', CONTENT_ERRORS: 'warn' } },
	{
		name: 'pathological',
		env: { POSTS_DIR: PATHOLOGICAL_DIR, CONTENT_ERRORS: 'warn', POST_TIME_LIMIT: '10' },
		prepare: () => writePathologicalPosts()
	},
	{
		name: 'hostile',
		env: { POSTS_DIR: HOSTILE_DIR, CONTENT_ERRORS: 'warn', SECRET_CANARY: CANARY },
		prepare: prepareHostile,
		cleanup: cleanupHostile
	}
];

/** The sites this checkout can build (those on ../shared only when it is there). */
export const buildableSites = () => SITES.filter((s) => !s.shared || hasShared);

export interface BuiltSite {
	name: string;
	dir: string;
	code: number;
	output: string;
	seconds: number;
	/** Peak memory of the whole build (all its processes), in MB. */
	peakMb: number;
	base: string;
}

const record = (name: string) => join(SITES_DIR, `${name}.json`);

export async function buildSite(spec: SiteSpec): Promise<BuiltSite> {
	mkdirSync(SITES_DIR, { recursive: true });
	const dir = join(SITES_DIR, spec.name);
	spec.prepare?.();
	// As a student's shell runs it: not with the test runner's NODE_ENV=test.
	const { NODE_ENV: _testEnv, ...env } = process.env;
	const result = await runMeasured('npm', ['run', 'build'], {
		...env,
		CONTENT_ERRORS: '',
		BASE_PATH: '',
		...spec.env,
		BUILD_DIR: dir,
		FORCE_COLOR: '0'
	});
	spec.cleanup?.();
	const site: BuiltSite = {
		name: spec.name,
		dir,
		code: result.code,
		output: result.output,
		seconds: result.seconds,
		peakMb: Math.round(result.peakRssBytes / 1024 / 1024),
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
