/**
 * Issue 21, finding 2 (pages kept from the last build): a kept page must be the one the last build wrote from the
 * sanitised body this build has for the post; a page changed since (a script put in) or a body that changed (an entry
 * rendered again after the cache failed its check) makes the page rendered again, and the page found is not kept.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planPages, recordPages, type SiteFacts } from '../../../src/lib/build/plan';

let root = '';
let site = '';
let facts: SiteFacts;
let paths: { pages: string; kept: string; held: string };
const settings = { base: '' };
const slugs = ['bai-1', 'bai-2', 'bai-3'];
const page = (slug: string) => join(site, 'posts', slug, 'index.html');

/** A build: the content stage's bodies, its plan, Vite's pages for what it renders, then the record. */
function build(bodies: Record<string, string>) {
	for (const [slug, html] of Object.entries(bodies))
		writeFileSync(join(facts.htmlDir, `${slug}.json`), JSON.stringify({ html, head: '' }));
	const plan = planPages(paths, root, site, facts, settings);
	for (const slug of plan.render) {
		mkdirSync(join(site, 'posts', slug), { recursive: true });
		writeFileSync(page(slug), `<div class="prose">${bodies[slug]}</div>`);
	}
	// Vite empties the folder and the kept pages come back (movePages): here they were only set aside when it did not run.
	for (const slug of plan.kept)
		if (!existsSync(page(slug))) {
			mkdirSync(join(site, 'posts', slug), { recursive: true });
			writeFileSync(page(slug), readFileSync(join(paths.held, 'posts', slug, 'index.html')));
		}
	recordPages(paths.pages, site, plan, root);
	return plan;
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'page-reuse-tampered-'));
	site = join(root, 'build');
	const work = join(root, '.svelte-kit/course-notes');
	paths = { pages: join(work, 'pages.json'), kept: join(work, 'kept.json'), held: join(work, 'held') };
	facts = {
		posts: slugs.map((slug) => ({ slug })),
		categories: [],
		images: {},
		media: {},
		htmlDir: join(work, 'posts')
	};
	mkdirSync(facts.htmlDir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const bodies = Object.fromEntries(slugs.map((s) => [s, `<p>${s}</p>`]));

describe('planPages', () => {
	it('keeps the pages nothing changed', () => {
		expect(build(bodies).render).toEqual(slugs);
		const plan = build(bodies);
		expect(plan.kept).toEqual(slugs);
		expect(plan.render).toEqual([]);
	});

	it('renders again a page a script was put into since, and does not set it aside', () => {
		build(bodies);
		writeFileSync(page('bai-2'), readFileSync(page('bai-2'), 'utf8').replace('</p>', '</p><script>alert(1)</script>'));
		const plan = planPages(paths, root, site, facts, settings);
		expect(plan.kept).toEqual(['bai-1', 'bai-3']);
		expect(plan.render).toEqual(['bai-2']);
		expect(existsSync(join(paths.held, 'posts', 'bai-2', 'index.html'))).toBe(false);
		// The plan forgets the record until this build finishes: a build that stops keeps nothing next time.
		expect(existsSync(paths.pages)).toBe(false);
	});

	it('renders again a page whose post body is not the one recorded (a poisoned cache entry rendered again)', () => {
		build({ ...bodies, 'bai-3': '<p>bai-3</p><img src="x" onerror="alert(1)">' });
		const plan = build(bodies);
		expect(plan.kept).toEqual(['bai-1', 'bai-2']);
		expect(plan.render).toEqual(['bai-3']);
		expect(readFileSync(page('bai-3'), 'utf8')).not.toContain('onerror');
	});
});
