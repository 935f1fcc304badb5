/**
 * The five real student forks in ../shared/forks/ (git bundles): fetched as a class, nothing built. What each holds is
 * described in ../shared/forks/README.md; the counts below are what the layout finds in them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClassFile } from '../../../src/lib/sources/class-file';
import { fetchSources } from '../../../src/lib/sources/fetch';
import { SHARED } from '../../helpers/shared';
import { tempDir } from './repos';

const FORKS = join(SHARED, 'forks');
const hasForks = existsSync(FORKS);
if (!hasForks) console.log(`note: ${FORKS} is absent, so the test on the real student forks is skipped (CI runs it)`);

const EXPECTED: Record<string, { branch: string; posts: number; samples: number }> = {
	'hun-pt092+sveltekit-blog-starter': { branch: 'main', posts: 10, samples: 2 },
	'luongtrinh2004+ungdungphantan_blog': { branch: 'main', posts: 9, samples: 3 },
	// its three sample files hold the student's own posts: kept
	'Men328+Blog_v2': { branch: 'main', posts: 6, samples: 0 },
	'nhanlanguoi+Blog': { branch: 'main', posts: 10, samples: 3 },
	// main holds only a README; the posts are on master
	'saraiv145643ttgffff+my-sveltekit-blog': { branch: 'master', posts: 4, samples: 0 }
};

describe.skipIf(!hasForks)('the real student forks', () => {
	it('finds every post of each fork and leaves the starter samples out', async () => {
		const names = Object.keys(EXPECTED);
		const yaml = `students:\n${names.map((n) => `  - name: "${n}"\n    repo: "${join(FORKS, `${n}.bundle`)}"\n`).join('')}`;
		const file = parseClassFile(yaml, join(tempDir(), 'lop.yaml'));
		expect(file.problems).toEqual([]);
		const results = await fetchSources(file.students, { cacheDir: join(tempDir(), 'cache') });
		const seen = Object.fromEntries(
			results.map((r) => [
				r.student.name,
				{ branch: r.branch, posts: r.layout?.posts.length, samples: r.layout?.leftOut.sample ?? 0 }
			])
		);
		for (const r of results)
			console.log(
				`${r.student.name}: ${r.branch}, ${r.layout?.posts.length} posts, left out ${JSON.stringify(r.layout?.leftOut)}`
			);
		expect(seen).toEqual(EXPECTED);
		for (const r of results) {
			expect(r.status).toBe('fetched');
			expect(r.layout).toMatchObject({ kind: 'starter' });
			expect(r.layout!.leftOut['route-page']).toBe(1);
			expect(existsSync(join(r.layout!.staticDir!, 'images'))).toBe(true);
		}
		const saraiv = results.find((r) => r.student.name.startsWith('saraiv'))!;
		expect(saraiv.problems.map((p) => p.field)).toEqual(['branch']);
	});
});
