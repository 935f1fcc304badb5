// Worker thread of the render pool (pool.ts). Plain ESM so Node can start it: it registers tsx (for the TypeScript
// pipeline) and the Svelte hooks (to import and render compiled posts), then compiles and renders posts it is sent.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./svelte-hooks.mjs', import.meta.url, { data: { lib: fileURLToPath(new URL('../..', import.meta.url)) } });
const { makeRunner } = await import('./run.ts');
// A worker kept warm between runs (npm run dev) is sent the site with each job, since posts come and go.
let site = { key: JSON.stringify(workerData), run: makeRunner(workerData) };

parentPort.on('message', async (message) => {
	if (message.site) {
		const key = JSON.stringify(message.site);
		if (key !== site.key) site = { key, run: makeRunner(message.site) };
	}
	parentPort.postMessage(await site.run(message.job));
});
