/** How this project starts Debian's Chromium, for the browser tests and Lighthouse alike. */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** No network chatter of Chromium's own (this machine cannot reach the internet), no GPU, no sandbox (CI runs as root). */
export const CHROME_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
