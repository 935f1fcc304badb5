/** Builds every test site once before the tests (SITES=a,b builds only those; REUSE_SITES=1 keeps earlier builds). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SITES_DIR, buildSite, buildableSites } from './helpers/sites';
import { SHARED_NOTE, hasShared } from './helpers/shared';

/** The build of the sites, shared by the projects of one run (each project calls this setup; sites are built once). */
const shared = globalThis as { courseNotesSites?: Promise<void> };

export default function setup(): Promise<void> {
	shared.courseNotesSites ??= buildSites();
	return shared.courseNotesSites;
}

async function buildSites() {
	if (!hasShared) console.log(SHARED_NOTE);
	const only = process.env.SITES?.split(',').filter(Boolean);
	for (const spec of buildableSites()) {
		if (only && !only.includes(spec.name)) continue;
		if (process.env.REUSE_SITES && existsSync(join(SITES_DIR, `${spec.name}.json`))) continue;
		const built = await buildSite(spec);
		const ok = spec.fails ? built.code !== 0 : built.code === 0;
		console.log(
			`built site ${spec.name} in ${built.seconds.toFixed(1)} s, peak ${built.peakMb} MB (exit ${built.code})`
		);
		if (!ok) console.log(built.output.slice(-4000));
	}
}
