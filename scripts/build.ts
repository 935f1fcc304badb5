/**
 * `npm run build`, in stages run one after another: the content stage (posts read, rendered in worker threads, checked
 * and indexed, and the pages to keep from the last build decided) in a process of its own; `vite build` reading that
 * index, in another (or, when only post bodies changed, the last build's server rendering those pages:
 * scripts/render-pages.ts); then the post-build steps in this process. Separate processes keep the build's peak memory
 * to the largest stage instead of their sum; this orchestrator loads almost nothing before the post-build steps.
 * The stages hand over one file, the build manifest (src/lib/build/manifest.js), named by one environment variable.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_ENV, manifestFile, readManifest } from '../src/lib/build/manifest.js';
import { workPaths } from '../src/lib/content/paths';
import { buildDir } from '../src/lib/env.js';
import { isMain } from './main';
import { movePages, recordPages } from '../src/lib/build/plan';
import { finishReport } from './summary';

/** Stage 1: returns the exit code (1 when content errors stop the build). */
async function contentStage(root: string): Promise<number> {
	const { basePath, contentErrorsMode, contentWarningsMode, postsDir } = await import('../src/lib/env.js');
	const { writeManifest } = await import('../src/lib/build/manifest.js');
	const { contentSummary, loadContent } = await import('../src/lib/content/load');
	const { formatReport, printable, stopMessage, stops } = await import('../src/lib/content/problems');
	const { contentReport } = await import('./summary');
	const started = performance.now();
	const mode = contentErrorsMode();
	const warnings = contentWarningsMode();
	const content = await loadContent({
		dir: resolve(root, postsDir()),
		root,
		staticDir: resolve(root, 'static'),
		base: basePath(),
		mode: 'build'
	});
	const seconds = (performance.now() - started) / 1000;
	console.log(contentSummary(content, seconds));
	const manifest = manifestFile(root);
	const report = contentReport(content, { seconds, base: basePath(), mode, warnings });
	// Written before the build can stop, so that the job summary says why it stopped.
	writeManifest(manifest, { report });
	if (content.problems.length) console.log(`\n${formatReport(content.problems, mode, warnings)}\n`);
	if (content.drafts.length)
		console.log(`${content.drafts.length} draft(s) not published: ${printable(content.drafts.join(', '))}`);
	if (stops(content.problems, mode, warnings)) {
		console.error(stopMessage(mode, warnings, content.problems));
		return 1;
	}
	// Post pages of the last build that nothing has changed are kept; Vite renders the others. Decided here, so that
	// the orchestrator, alive through every stage, holds none of the content.
	const { planPages } = await import('../src/lib/build/plan');
	const { pdfEnabled, trustSetting } = await import('../src/lib/config');
	const { buildDir, siteUrl } = await import('../src/lib/env.js');
	const settings = { base: basePath(), siteUrl: siteUrl(), pdf: pdfEnabled(), trust: trustSetting() };
	const shipped = { ...content, media: Object.fromEntries(content.media) };
	const plan = planPages(workPaths(root), root, resolve(root, buildDir()), shipped, settings);
	// static/ as published: a staged copy without links that lead out of it, SVG cleaned (static-files.ts).
	const { stageStatic, stagedStaticDir } = await import('../src/lib/content/static-files');
	const { formatProblem } = await import('../src/lib/content/problems');
	const assets = stageStatic(resolve(root, 'static'), stagedStaticDir(root), root);
	for (const p of assets.problems) console.warn(`⚠ ${formatProblem(p)}`);
	writeManifest(manifest, { report, content: shipped, plan, assets: assets.dir });
	return 0;
}

/** Runs the three stages and completes the build report; returns the exit code. */
export async function build(root = process.cwd()): Promise<number> {
	const started = performance.now();
	const manifest = manifestFile(root);
	rmSync(manifest, { force: true });
	const code = await stages(root);
	finishReport(manifest, {
		seconds: (performance.now() - started) / 1000,
		ok: code === 0,
		site: resolve(root, buildDir())
	});
	return code;
}

/** Runs the three stages; returns the exit code. */
async function stages(root: string): Promise<number> {
	const self = fileURLToPath(import.meta.url);
	const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
		spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
	const tsx = ['--import', 'tsx'];
	// V8 lets a heap limited to 192 MB (each render worker's budget) grow little between full collections; 4× cuts the
	// render stage's collections (see render/pool.ts). The flag is the process's, so it is set for the content stage alone.
	let code = run(['--heap-growing-percent=300', ...tsx, self, '--stage', 'content']);
	if (code !== 0) return code;
	const paths = workPaths(root);
	const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
	const site = resolve(root, buildDir());
	const file = manifestFile(root);
	const manifest = readManifest(file);
	if (!manifest?.plan || !manifest.content) throw new Error(`the content stage left no plan in ${file}`);
	const { plan } = manifest;
	const { kept } = plan;
	const env = { [MANIFEST_ENV]: file };
	if (plan.reuseSite) {
		// Only post bodies changed since the last build into this folder: its server renders those pages, no Vite.
		code = run([...tsx, join(dirname(self), 'render-pages.ts')], env);
		if (code !== 0) return code;
	} else {
		// Vite's chunk tables only with VERBOSE=1: students read long logs as failures.
		const quiet = process.env.VERBOSE ? [] : ['--logLevel', 'warn'];
		const started = performance.now();
		code = run(['--max-old-space-size=640', vite, 'build', ...quiet], env);
		if (code !== 0) return code;
		movePages(paths.held, site, kept);
		const reused = kept.length ? `, ${kept.length} unchanged post page(s) kept from the last build` : '';
		console.log(
			`pages: rendered and prerendered by Vite in ${((performance.now() - started) / 1000).toFixed(1)} s${reused}`
		);
	}
	// In this process, which holds little by now: a process of its own would add a second Node to the build's peak,
	// which is this stage's (Pagefind's index of every page).
	const { postbuild } = await import('./postbuild');
	try {
		code = await postbuild(site, manifest);
	} catch (error) {
		console.error(error);
		code = 1;
	}
	if (code === 0) recordPages(paths.pages, site, plan, root);
	return code;
}

if (isMain(import.meta.url)) {
	const stage = process.argv.includes('--stage') ? process.argv[process.argv.indexOf('--stage') + 1] : undefined;
	process.exitCode = stage === 'content' ? await contentStage(process.cwd()) : await build();
}
