import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { content } from './src/lib/content/vite-plugin.ts';

export default defineConfig({
	plugins: [content(), sveltekit()],
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 600_000
	}
});
