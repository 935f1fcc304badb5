import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { content } from './src/lib/content/vite-plugin.ts';

export default defineConfig({
	plugins: [content(), sveltekit()],
	// Test sites, caches and builds are outputs, not sources (and test folders hold symlinks that lead back here).
	server: { watch: { ignored: ['**/.artifacts/**', '**/.cache/**', '**/build/**', '**/.scratch/**'] } },
	// The build prints one line per phase (scripts/build.ts); Vite's timings only with VERBOSE=1.
	build: { rolldownOptions: { checks: { pluginTimings: Boolean(process.env.VERBOSE) } } },
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 600_000
	}
});
