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
interface Workflow {
	on: Record<string, { paths?: string[] } | null>;
	permissions: Record<string, string>;
	jobs: Record<string, { env?: Record<string, string>; steps: Step[] }>;
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
