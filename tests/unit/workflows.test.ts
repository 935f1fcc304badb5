import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
	name?: string;
	id?: string;
	uses?: string;
	run?: string;
	if?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	needs?: string | string[];
	permissions?: Record<string, string>;
	outputs?: Record<string, string>;
	environment?: { name: string; url?: string };
	env?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, { paths?: string[] } | null>;
	permissions: Record<string, string>;
	jobs: Record<string, Job>;
}

const workflow = (name: string) => parse(readFileSync(`.github/workflows/${name}`, 'utf8')) as Workflow;
const check = workflow('check.yml');
const deploy = workflow('deploy.yml');
const readme = readFileSync('README.md', 'utf8');
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? [s.run] : []));
const SUMMARY = 'node --import tsx scripts/summary.ts';

describe('the pull request workflow (check.yml)', () => {
	it('runs on pull requests that change posts, static files, code or dependencies, reading the repository only', () => {
		expect(check.on.pull_request?.paths).toEqual(
			expect.arrayContaining(['posts/**', 'static/**', 'src/**', 'scripts/**', 'package.json', 'package-lock.json'])
		);
		expect(check.permissions).toEqual({ contents: 'read' });
	});

	it('installs, checks with annotations, builds and writes the summary, in that order', () => {
		expect(runs(check)).toEqual(['npm install', 'npm run check:posts -- --format github', 'npm run build', SUMMARY]);
	});

	it('fetches the history and names the base, so the summary can list the changed posts', () => {
		const checkout = steps(check).find((s) => s.uses?.startsWith('actions/checkout'));
		expect(checkout?.with?.['fetch-depth']).toBe(0);
		const summary = steps(check).find((s) => s.run === SUMMARY);
		expect(summary?.if).toBe('always()');
		expect(summary?.env?.SUMMARY_BASE).toContain('github.event.pull_request.base.sha');
		// The check fails the job in strict mode; the build still runs after it to feed the summary.
		const checkStep = steps(check).find((s) => s.run?.startsWith('npm run check:posts'));
		expect(checkStep).not.toHaveProperty('continue-on-error');
		expect(steps(check).find((s) => s.run === 'npm run build')?.if).toContain(`steps.${checkStep?.id}.outcome`);
	});

	it('keeps the content cache as the deploy workflow does', () => {
		const cache = (w: Workflow) => steps(w).find((s) => s.uses?.startsWith('actions/cache'));
		expect(cache(check)?.with).toEqual(cache(deploy)?.with);
		expect(cache(check)?.with?.path).toBe('.cache/course-notes');
	});
});

describe('the deploy workflow (deploy.yml)', () => {
	it('installs, builds and always writes the summary against the commit before the push', () => {
		expect(runs(deploy)).toEqual(['npm install', 'npm run build', SUMMARY]);
		const summary = steps(deploy).find((s) => s.run === SUMMARY);
		expect(summary?.if).toBe('always()');
		expect(summary?.env?.SUMMARY_BASE).toBe('${{ github.event.before }}');
	});
});

// Issue 21, finding 13: the job that built the posts held pages: write and id-token: write while post code ran.
describe('the deploy workflow’s permissions', () => {
	const jobs = Object.entries(deploy.jobs);
	const needs = (job: Job) => [job.needs ?? []].flat();
	const uses = (job: Job, action: string) => job.steps.some((s) => s.uses?.startsWith(`${action}@`));
	/** A job runs repository code when it checks the repository out or runs a command. */
	const runsCode = (job: Job) => uses(job, 'actions/checkout') || job.steps.some((s) => s.run !== undefined);
	const [buildName, build] = jobs.find(([, j]) => j.steps.some((s) => s.run === 'npm run build'))!;

	it('builds in a job that may only read the repository, and hands the site over as a Pages artifact', () => {
		expect(build.permissions).toEqual({ contents: 'read' });
		const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
		expect(upload?.with?.path).toBe('build');
		expect(build.steps.indexOf(upload!)).toBeGreaterThan(build.steps.findIndex((s) => s.run === 'npm run build'));
		expect(build.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['persist-credentials']).toBe(false);
	});

	it('deploys in a job that holds pages: write and id-token: write and runs only actions/deploy-pages', () => {
		const writers = jobs.filter(([, j]) => Object.values(j.permissions ?? {}).includes('write'));
		expect(writers).toHaveLength(1);
		const [, deployJob] = writers[0];
		expect(deployJob.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
		expect(deployJob.steps.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/deploy-pages']);
		expect(deployJob.steps.every((s) => s.run === undefined)).toBe(true);
		expect(needs(deployJob)).toContain(buildName);
		expect(deployJob.environment?.name).toBe('github-pages');
	});

	it('gives no job that runs repository code a right beyond reading, and lets no job inherit its rights', () => {
		expect(deploy.permissions).toEqual({ contents: 'read' });
		for (const [name, job] of jobs) {
			expect(job.permissions, name).toBeDefined();
			if (runsCode(job)) expect(job.permissions, name).toEqual({ contents: 'read' });
		}
		// The Pages settings (base path, origin) are read by a job of their own that checks nothing out.
		const [pagesName, pages] = jobs.find(([, j]) => uses(j, 'actions/configure-pages'))!;
		expect(pages.permissions).toEqual({ pages: 'read' });
		expect(runsCode(pages)).toBe(false);
		expect(needs(build)).toContain(pagesName);
		const step = build.steps.find((s) => s.run === 'npm run build');
		expect(step?.env).toEqual({
			BASE_PATH: `\${{ needs.${pagesName}.outputs.base_path }}`,
			SITE_URL: `\${{ needs.${pagesName}.outputs.origin }}`
		});
	});
});

describe('both workflows', () => {
	it.each([
		['check.yml', check],
		['deploy.yml', deploy]
	])('%s reads lenient mode from the CONTENT_ERRORS repository variable', (_, w) => {
		const envs = Object.values(w.jobs).flatMap((j) => (j.env?.CONTENT_ERRORS ? [j.env.CONTENT_ERRORS] : []));
		expect(envs).toEqual(["${{ vars.CONTENT_ERRORS || 'error' }}"]);
	});

	it('run only commands the README documents', () => {
		const commands = new Set([...runs(check), ...runs(deploy)]);
		expect(commands.size).toBe(4);
		for (const command of commands) expect(readme, command).toContain(command);
		expect(readme).toContain('## Pull requests and CI');
		expect(readme).toContain('`CONTENT_ERRORS`');
	});
});
