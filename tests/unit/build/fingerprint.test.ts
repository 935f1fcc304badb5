/**
 * What each input of the fingerprint makes again (issue 22): a file in each input is edited in a copy of the project's
 * code, and what depends on it, and only that, changes: the content cache's version (which re-renders every post) or
 * the site key (which re-renders every page).
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteKey } from '../../../src/lib/build/plan';
import { pipelineVersion } from '../../../src/lib/content/render/cache';

const root = mkdtempSync(join(tmpdir(), 'fingerprint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
cpSync('src', join(root, 'src'), { recursive: true });
cpSync('package-lock.json', join(root, 'package-lock.json'));
const lib = join(root, 'src', 'lib');
const facts = { posts: [], categories: [], images: {}, media: {}, htmlDir: join(root, 'html') };
const settings = { base: '', trust: 'content' };
const state = () => ({ posts: pipelineVersion(root, settings, lib), pages: siteKey(root, facts, settings) });

describe('the fingerprint', () => {
	it.each([
		['a Markdown plugin', 'markdown/alerts.ts', { posts: true, pages: true }],
		['a component posts use', 'components/Callout.svelte', { posts: true, pages: true }],
		['a component only pages use', 'components/PostCard.svelte', { posts: false, pages: true }],
		['the search code', 'search/ui.js', { posts: false, pages: true }]
	])('editing %s (%s) makes again %o', (_what, file, expected) => {
		const before = state();
		appendFileSync(join(lib, file), '\n// sửa\n');
		const after = state();
		expect({ posts: after.posts !== before.posts, pages: after.pages !== before.pages }).toEqual(expected);
	});

	it('makes both again when the lockfile or a setting changes', () => {
		const before = state();
		writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
		const after = state();
		expect(after.posts).not.toBe(before.posts);
		expect(after.pages).not.toBe(before.pages);
		const rebased = { base: '/ghi-chep', trust: 'content' };
		expect(pipelineVersion(root, rebased, lib)).not.toBe(after.posts);
		expect(siteKey(root, facts, rebased)).not.toBe(after.pages);
	});

	it('changes nothing when a script that makes no page is edited', () => {
		const before = state();
		cpSync('scripts/pdf.ts', join(root, 'scripts', 'pdf.ts'));
		appendFileSync(join(root, 'scripts', 'pdf.ts'), '\n// sửa\n');
		expect(state()).toEqual(before);
	});
});
