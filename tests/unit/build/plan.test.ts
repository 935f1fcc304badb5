/**
 * How the build decides what to make again (src/lib/build/plan.ts), through the plan itself: a post page is kept when
 * the site key and its own input (its body and what it shows of the other posts) are as recorded and its file is as
 * written; the last build's server renders the changed pages alone when the listings and every other file are as
 * recorded.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { movePages, planPages, recordPages, siteKey, type SiteFacts } from '../../../src/lib/build/plan';
import type { PagesPlan } from '../../../src/lib/build/types';

let root = '';
let site = '';
let paths: { pages: string; held: string };
const settings = { base: '' };
const titles = { 'bai-1': 'Bài 1', 'bai-2': 'Bài 2', 'bai-3': 'Bài 3', 'bai-4': 'Bài 4', 'bai-5': 'Bài 5' };
const page = (slug: string) => join(site, 'posts', slug, 'index.html');

/** The content stage's facts: newest first, as the index sorts them; each body written where the workers write it. */
function facts(names: Record<string, string> = titles, bodies: Record<string, string> = {}): SiteFacts {
	const htmlDir = join(root, 'html');
	mkdirSync(htmlDir, { recursive: true });
	const posts = Object.entries(names).map(([slug, title]) => ({ slug, title, categories: [] }));
	for (const { slug } of posts)
		writeFileSync(join(htmlDir, `${slug}.json`), JSON.stringify({ html: bodies[slug] ?? `<p>${slug}</p>`, head: '' }));
	return { posts, categories: [], images: {}, media: {}, htmlDir };
}

/** One build: the plan, the pages Vite (or the last server) writes, the kept ones put back, then the record. */
function build(f: SiteFacts, vite = true): PagesPlan {
	const plan = planPages(paths, root, site, f, settings);
	if (vite || !plan.reuseSite) {
		// Vite empties the folder and writes every page but the kept post pages, which come back from the held folder.
		rmSync(site, { recursive: true, force: true });
		mkdirSync(site, { recursive: true });
		writeFileSync(join(site, 'index.html'), JSON.stringify(f.posts));
		movePages(paths.held, site, plan.kept);
	}
	for (const slug of plan.render) {
		mkdirSync(join(site, 'posts', slug), { recursive: true });
		writeFileSync(page(slug), `<h1>${(f.posts as { slug: string; title: string }[]).find((p) => p.slug === slug)?.title}</h1>`);
	}
	recordPages(paths.pages, site, plan, root);
	return plan;
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'plan-'));
	site = join(root, 'build');
	const server = join(root, '.svelte-kit', 'output', 'server');
	mkdirSync(server, { recursive: true });
	writeFileSync(join(server, 'index.js'), 'export {}');
	paths = { pages: join(root, 'pages.json'), held: join(root, 'held') };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('planPages', () => {
	it('renders every page the first time, then keeps every page and runs no Vite when nothing changed', () => {
		expect(build(facts()).render).toEqual(Object.keys(titles));
		const again = build(facts(), false);
		expect([again.kept, again.render, again.reuseSite]).toEqual([Object.keys(titles), [], true]);
	});

	it('renders only the post whose body changed, with the last server, when nothing any other page shows changed', () => {
		build(facts());
		const plan = build(facts(titles, { 'bai-3': '<p>bài 3, sửa</p>' }), false);
		expect(plan.render).toEqual(['bai-3']);
		expect(plan.reuseSite).toBe(true);
	});

	it('makes a changed title’s post and its two neighbours again, keeps every other post page, and runs Vite for the listings', () => {
		build(facts());
		const plan = build(facts({ ...titles, 'bai-3': 'Bài 3: đồng hồ logic' }));
		expect(plan.render).toEqual(['bai-2', 'bai-3', 'bai-4']);
		expect(plan.kept).toEqual(['bai-1', 'bai-5']);
		expect(plan.reuseSite).toBe(false);
		expect(readFileSync(page('bai-1'), 'utf8')).toBe('<h1>Bài 1</h1>');
	});

	it('makes every page again when the site key changes (settings, the code that makes pages)', () => {
		build(facts());
		expect(planPages(paths, root, site, facts(), { base: '/notes' }).kept).toEqual([]);
		build(facts());
		mkdirSync(join(root, 'src'), { recursive: true });
		writeFileSync(join(root, 'src', 'app.html'), '<html></html>');
		expect(planPages(paths, root, site, facts(), settings).kept).toEqual([]);
	});

	it('renders again a page edited or removed since, a new post, and the pages of a folder with no record', () => {
		build(facts());
		writeFileSync(page('bai-2'), '<h1>sửa tay</h1>');
		rmSync(join(site, 'posts', 'bai-5'), { recursive: true });
		const plan = planPages(paths, root, site, facts({ ...titles, 'bai-6': 'Bài 6' }), settings);
		expect(plan.render).toEqual(['bai-2', 'bai-5', 'bai-6']);
		// The plan forgets the record until the build finishes: one that stops keeps nothing next time.
		expect(planPages(paths, root, site, facts(), settings).kept).toEqual([]);
	});

	it('runs Vite when the server or another file of the site changed since', () => {
		build(facts());
		writeFileSync(join(site, 'index.html'), 'sửa tay');
		expect(planPages(paths, root, site, facts(), settings).reuseSite).toBe(false);
		build(facts());
		writeFileSync(join(root, '.svelte-kit', 'output', 'server', 'index.js'), 'export const x = 1;');
		expect(planPages(paths, root, site, facts(), settings).reuseSite).toBe(false);
	});
});

describe('siteKey', () => {
	it('follows the code that makes pages, not the scripts that make none', () => {
		const f = facts();
		const key = siteKey(root, f, settings);
		mkdirSync(join(root, 'scripts'), { recursive: true });
		writeFileSync(join(root, 'scripts', 'pdf.ts'), 'export {}');
		expect(siteKey(root, f, settings)).toBe(key);
		writeFileSync(join(root, 'scripts', 'postbuild.ts'), 'export {}');
		expect(siteKey(root, f, settings)).not.toBe(key);
		expect(siteKey(root, { ...f, images: { '/a.png': 'missing' } }, settings)).not.toBe(siteKey(root, f, settings));
	});
});
