import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { content } from './src/lib/content/vite-plugin.ts';

const LIGHTHOUSE = 'tests/e2e/lighthouse.test.ts';

export default defineConfig({
	plugins: [content(), sveltekit()],
	// Test sites, caches and builds are outputs, not sources (and test folders hold symlinks that lead back here).
	server: { watch: { ignored: ['**/.artifacts/**', '**/.cache/**', '**/build/**', '**/.scratch/**'] } },
	// The build prints one line per phase (scripts/build.ts); Vite's timings only with VERBOSE=1.
	build: { rolldownOptions: { checks: { pluginTimings: Boolean(process.env.VERBOSE) } } },
	test: {
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 600_000,
		projects: [
			{ extends: true, test: { name: 'site', include: ['tests/**/*.test.ts'], exclude: [LIGHTHOUSE] } },
			// Lighthouse times the pages on this machine: it runs alone, once every other test file has finished, since
			// a browser test beside it can cost the performance score a point or two.
			{ extends: true, test: { name: 'lighthouse', include: [LIGHTHOUSE], sequence: { groupOrder: 1 } } }
		]
	}
});
