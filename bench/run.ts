/**
 * `npm run bench [-- N]`: generates N posts (default 1000), builds the site from them with `npm run build`, builds the
 * same posts with the bare unified + remark-gfm + shiki floor, and prints the figures. Results are appended to
 * bench/results.md with the date. No assertions here: the figures are for people to read.
 */
import {
	appendFileSync,
	existsSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveStatic } from '../scripts/serve';
import { generatePosts } from './generate';
import { generateImagePosts } from './images';
import { runMeasured } from './measure';
import { runLighthouse } from '../scripts/lighthouse';

/** `npm run bench -- images` measures only the pictures row. */
const onlyImages = process.argv[2] === 'images';
const count = onlyImages ? 0 : Number(process.argv[2] ?? 1000);
const work = mkdtempSync(join(tmpdir(), 'course-notes-bench-'));
const postsDir = join(work, 'posts');
const siteDir = join(work, 'site');
const floorDir = join(work, 'floor');

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function dirSize(dir: string): number {
	let total = 0;
	for (const name of readdirSync(dir)) {
		const full = join(dir, name);
		const st = statSync(full);
		total += st.isDirectory() ? dirSize(full) : st.size;
	}
	return total;
}

function countHtml(dir: string): number {
	let n = 0;
	for (const name of readdirSync(dir)) {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) n += countHtml(full);
		else if (name.endsWith('.html')) n++;
	}
	return n;
}

/** JavaScript a post page makes the browser load (files), and inline script bytes. */
function postPageWeight(site: string) {
	// Each post's folder; /posts/index.html is the list of posts.
	const posts = readdirSync(join(site, 'posts'), { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name)
		.sort();
	const sized = posts
		.map((p) => ({ p, size: statSync(join(site, 'posts', p, 'index.html')).size }))
		.sort((a, b) => a.size - b.size);
	const typical = sized[Math.floor(sized.length / 2)].p;
	const html = readFileSync(join(site, 'posts', typical, 'index.html'), 'utf8');
	const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
	const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
		(n, m) => n + m[1].length,
		0
	);
	// Attribute order varies (<link href=… rel="stylesheet">): find stylesheet links first, then their href. The site's
	// own stylesheet is inline (its disabled link is never loaded), so a post without math links none.
	const css = [...html.matchAll(/<link\b[^>]*>/g)]
		.map((m) => m[0])
		.filter((tag) => tag.includes('rel="stylesheet"') && !/\sdisabled\b/.test(tag))
		.map((tag) => readFileSync(join(site, /href="([^"]+)"/.exec(tag)![1]), 'utf8'));
	if (!css.length && !html.includes('<style')) throw new Error(`no stylesheet found on ${typical}`);
	const gzip = gzipSync(html).length + css.reduce((n, c) => n + gzipSync(c).length, 0);
	return {
		typical,
		scriptFiles: scripts.length,
		inline,
		gzip,
		htmlBytes: Buffer.byteLength(html),
		cssFiles: css.length
	};
}

/** Bytes one search downloads on the built site (Pagefind files and the search script), in headless Chromium. */
async function searchWeight(site: string, query: string) {
	const server = await serveStatic(site, { base: '' });
	const browser = await chromium.launch({
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run'
		]
	});
	try {
		const page = await browser.newPage();
		let bytes = 0;
		let requests = 0;
		page.on('response', async (r) => {
			if (!/\/pagefind\/|\/_app\/immutable\/assets\/ui\./.test(r.url())) return;
			requests++;
			bytes += Number((await r.allHeaders())['content-length'] ?? (await r.body()).length);
		});
		await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle' });
		const results = await page.locator('[data-search-results] > li').count();
		return { bytes, requests, results };
	} finally {
		await browser.close();
		await server.close();
	}
}

/** `npm run dev` with the warm cache: time to the first post page, and from saving a post to the page showing it. */
async function measureDev(buildEnv: NodeJS.ProcessEnv) {
	const port = 5400 + (process.pid % 400);
	const url = `http://127.0.0.1:${port}/posts/`;
	const started = performance.now();
	const server = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'dev', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
		{
			env: { ...buildEnv },
			stdio: 'ignore'
		}
	);
	const poll = async (check: (text: string) => boolean, path: string) => {
		for (;;) {
			const text = await fetch(url + path).then(
				(r) => (r.ok ? r.text() : ''),
				() => ''
			);
			if (check(text)) return;
			await new Promise((r) => setTimeout(r, 50));
		}
	};
	try {
		const file = readdirSync(postsDir).sort()[1];
		const slug = file.replace(/\.md$/, '');
		await poll((t) => t.length > 0, `${slug}/`);
		const firstPage = (performance.now() - started) / 1000;
		const edits: number[] = [];
		for (let i = 0; i < 10; i++) {
			const marker = `dev-edit-${Date.now()}-${i}`;
			const saved = performance.now();
			writeFileSync(join(postsDir, file), readFileSync(join(postsDir, file), 'utf8') + `\n\n${marker}\n`);
			await poll((t) => t.includes(marker), `${slug}/`);
			edits.push((performance.now() - saved) / 1000);
		}
		edits.sort((a, b) => a - b);
		return { firstPage, median: edits[Math.floor(edits.length / 2)], slowest: edits[edits.length - 1] };
	} finally {
		server.kill();
	}
}

/** The pictures row: 100 posts with 200 pictures, built cold, then again after one post's text changed. */
async function measureImages(): Promise<[string, string]> {
	const dir = join(work, 'image-posts');
	console.log('Generating 100 posts with 200 pictures…');
	const sizes = await generateImagePosts(dir, 100);
	const env = {
		...process.env,
		POSTS_DIR: dir,
		BUILD_DIR: join(work, 'image-site'),
		CONTENT_ERRORS: '',
		CONTENT_CACHE: join(work, 'image-cache')
	};
	console.log('Building them cold, then warm…');
	const cold = await runMeasured('npm', ['run', 'build'], env);
	if (cold.code !== 0) throw new Error(`the pictures build failed: ${cold.output.slice(-3000)}`);
	const first = join(dir, readdirSync(dir).filter((f) => f.endsWith('.md'))[0]);
	writeFileSync(first, readFileSync(first, 'utf8') + '\n\nMột đoạn thêm vào.\n');
	const warm = await runMeasured('npm', ['run', 'build'], env);
	if (warm.code !== 0) throw new Error(`the warm pictures build failed (exit ${warm.code})`);
	const line = /(\d+) pictures \((\d+) encoded, (\d+) from the cache\), ([\d.]+) MB of originals → ([\d.]+) MB/;
	const c = line.exec(cold.output);
	const w = line.exec(warm.output);
	const total = sizes.reduce((a, b) => a + b, 0);
	const saved = c ? 1 - Number(c[5]) / Number(c[4]) : NaN;
	return [
		'100 posts, 200 pictures',
		`cold ${cold.seconds.toFixed(1)} s (${c?.[2]} encoded), warm ${warm.seconds.toFixed(1)} s (${w?.[2]} encoded, ${w?.[3]} from the cache); originals ${mb(total)} (median ${kb(sizes[sizes.length >> 1])}, 90th percentile ${kb(sizes[Math.floor(sizes.length * 0.9)])}, largest ${kb(sizes[sizes.length - 1])}) → ${c?.[5]} MB as AVIF at 800 px: ${(saved * 100).toFixed(0)} % fewer bytes; image cache ${mb(dirSize(join(work, 'image-cache', 'images')))}; peak ${mb(Math.max(cold.peakRssBytes, warm.peakRssBytes))}`
	];
}

const rows: [string, string][] = [];
if (!onlyImages) await measureSite();
rows.push(await measureImages());

async function measureSite() {
	console.log(`Generating ${count} posts in ${postsDir}…`);
	generatePosts(postsDir, count);

	console.log('Building the site (npm run build)…');
	const buildEnv = {
		...process.env,
		POSTS_DIR: postsDir,
		BUILD_DIR: siteDir,
		CONTENT_ERRORS: '',
		// A content cache of the benchmark's own: the first build starts cold.
		CONTENT_CACHE: join(work, 'cache')
	};
	const build = await runMeasured('npm', ['run', 'build'], buildEnv);
	if (build.code !== 0) {
		console.error(build.output.slice(-5000));
		throw new Error(`the build failed (exit ${build.code})`);
	}
	console.log('Changing one post and building again (warm content cache)…');
	const changed = join(postsDir, readdirSync(postsDir).sort()[0]);
	writeFileSync(changed, readFileSync(changed, 'utf8') + '\n\nMột đoạn thêm vào để đo lần build lại.\n');
	const warm = await runMeasured('npm', ['run', 'build'], buildEnv);
	if (warm.code !== 0) throw new Error(`the warm build failed (exit ${warm.code})`);
	const warmCounts = /\((\d+) rendered, (\d+) from the cache\)/.exec(warm.output);

	console.log('Starting npm run dev on the same posts (warm cache) and editing a post 10 times…');
	const dev = await measureDev(buildEnv);

	console.log('Building the floor (bare unified + remark-gfm + shiki)…');
	const floor = await runMeasured('npx', ['tsx', resolve('bench/floor.ts'), postsDir, floorDir], process.env);
	if (floor.code !== 0) throw new Error(`the floor failed: ${floor.output.slice(-2000)}`);

	const pages = countHtml(siteDir);
	const weight = postPageWeight(siteDir);
	const search = await searchWeight(siteDir, 'dinh danh');
	rows.push(
		['posts', String(count)],
		['wall time', `${build.seconds.toFixed(1)} s`],
		['floor wall time', `${floor.seconds.toFixed(1)} s`],
		['our time / floor', `${(build.seconds / floor.seconds).toFixed(2)}× (target ≤ 2×)`],
		[
			'warm rebuild, one post changed',
			`${warm.seconds.toFixed(1)} s, ${(warm.seconds / build.seconds).toFixed(2)}× the cold build (target ≤ 15 s and ≤ 0.3×); ${warmCounts?.[1]} post(s) rendered, ${warmCounts?.[2]} from the cache`
		],
		[
			'npm run dev, warm cache',
			`first page ${dev.firstPage.toFixed(1)} s (target ≤ 5 s); save → page shows the edit: median ${dev.median.toFixed(1)} s, slowest ${dev.slowest.toFixed(1)} s over 10 edits (target median ≤ 1 s)`
		],
		[
			'peak memory (process tree)',
			`${mb(build.peakRssBytes)} cold, ${mb(warm.peakRssBytes)} warm (target < 1 GB); floor ${mb(floor.peakRssBytes)}`
		],
		['pages written', `${pages} (${(pages / build.seconds).toFixed(1)} pages/s)`],
		['size of build/', mb(dirSize(siteDir))],
		['JavaScript files on a post page', `${weight.scriptFiles} (inline script ${weight.inline} bytes)`],
		[
			'typical post page, HTML + CSS gzip',
			`${kb(weight.gzip)} (target ≤ 30 KB; ${weight.typical}, ${kb(weight.htmlBytes)} HTML)`
		],
		[
			'one search ("dinh danh")',
			`${kb(search.bytes)} in ${search.requests} requests, ${search.results} results shown (target ≤ 300 KB)`
		]
	);
	// Lighthouse's performance score depends on the machine's load, so it is measured here, not asserted by a test.
	console.log('Lighthouse (mobile) on the demo site…');
	const demoDir = join(work, 'demo');
	const demo = await runMeasured('npm', ['run', 'build'], { ...process.env, BUILD_DIR: demoDir, CONTENT_ERRORS: '' });
	if (demo.code !== 0) throw new Error(`the demo build failed (exit ${demo.code})`);
	const scores = await runLighthouse(demoDir, '');
	rows.push([
		'Lighthouse performance (demo site, median of three below 100)',
		scores.map((r) => `${new URL(r.url).pathname} ${r.scores.performance ?? '–'}`).join(', ')
	]);
}

const width = Math.max(...rows.map(([k]) => k.length));
const table = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
console.log(`\n${table}\n`);

const md = join('bench', 'results.md');
if (!existsSync(md))
	writeFileSync(
		md,
		'# Benchmark results\n\nAppended by `npm run bench`; machine: 2 cores, Node ' + process.version + '.\n'
	);
appendFileSync(
	md,
	`\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${onlyImages ? 'pictures only' : `${count} posts`}\n\n| figure | value |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`
);
rmSync(work, { recursive: true, force: true });
