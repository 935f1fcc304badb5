/** Builds every test site once before the tests (SITES=a,b builds only those; REUSE_SITES=1 keeps earlier builds). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SITES, SITES_DIR, buildSite } from './helpers/sites';

export default function setup() {
	const only = process.env.SITES?.split(',').filter(Boolean);
	for (const spec of SITES) {
		if (only && !only.includes(spec.name)) continue;
		if (process.env.REUSE_SITES && existsSync(join(SITES_DIR, `${spec.name}.json`))) continue;
		const built = buildSite(spec);
		const ok = spec.fails ? built.code !== 0 : built.code === 0;
		console.log(`built site ${spec.name} in ${built.seconds.toFixed(1)} s (exit ${built.code})`);
		if (!ok) console.log(built.output.slice(-4000));
	}
}
