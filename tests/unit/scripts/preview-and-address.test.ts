/**
 * Issue 25: `npm run preview` after a sub-path build serves the site where it works and says so (before: served at /,
 * every page without its styles, without a word); `npm run pdf` on a site built without SITE_URL says its PDFs print
 * http://localhost:4173/… under each title; a list of cards leaves out the categories every card has.
 */
import { describe, expect, it } from 'vitest';
import { previewBase } from '../../../scripts/serve';
import { canonicalOf, localAddressWarning } from '../../../scripts/built-site';
import { sharedCategories } from '../../../src/lib/components/card-categories';

const page = (base: string, origin = 'https://sv.github.io') =>
	`<link rel="canonical" href="${origin}${base}/"><link href="${base}/_app/immutable/assets/0.css" rel="stylesheet">`;

describe('previewBase', () => {
	it('serves a sub-path build under its sub-path when BASE_PATH is unset now, with a note', () => {
		const { base, note } = previewBase(page('/my-notes'), '');
		expect(base).toBe('/my-notes');
		expect(note).toMatch(
			/^note: build\/ was built with BASE_PATH=\/my-notes, and BASE_PATH is now unset: serving it under \/my-notes/
		);
	});

	it('serves a root build at / when BASE_PATH says otherwise, with a note', () => {
		const { base, note } = previewBase(page(''), '/ghi-chep');
		expect(base).toBe('');
		expect(note).toContain('built with no BASE_PATH, and BASE_PATH is now "/ghi-chep"');
	});

	it('says nothing when they agree, or when there is no build to read', () => {
		expect(previewBase(page('/my-notes'), '/my-notes')).toEqual({ base: '/my-notes' });
		expect(previewBase(page(''), '')).toEqual({ base: '' });
		expect(previewBase(undefined, '/x')).toEqual({ base: '/x' });
	});
});

describe('localAddressWarning', () => {
	it('warns when the site was built without SITE_URL, naming the address the PDFs print and the fix', () => {
		const warning = localAddressWarning(page('', 'http://localhost:4173'));
		expect(warning).toMatch(/^warning: the site was built without SITE_URL/);
		expect(warning).toContain('http://localhost:4173/…');
		expect(warning).toContain('SITE_URL=https://<user>.github.io');
	});

	it('says nothing when SITE_URL was set', () => {
		expect(localAddressWarning(page('/my-notes'))).toBeUndefined();
		expect(canonicalOf(page('/my-notes'))).toBe('https://sv.github.io/my-notes/');
	});
});

describe('sharedCategories', () => {
	const post = (...slugs: string[]) => ({ categories: slugs.map((slug) => ({ slug, name: slug })) });

	it('names the categories every post has', () => {
		expect(sharedCategories([post('htpt', 'rpc'), post('htpt'), post('dong-bo', 'htpt')])).toEqual(['htpt']);
		expect(sharedCategories([post('a'), post('b')])).toEqual([]);
	});

	it('leaves a single card its categories', () => {
		expect(sharedCategories([post('htpt')])).toEqual([]);
		expect(sharedCategories([])).toEqual([]);
	});
});
