/**
 * Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core, pages that record what went wrong
 * (console errors, failed or 4xx/5xx requests to the site itself), the two viewports, screenshots and axe-core.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Locator,
	type Page
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve';
import type { BuiltSite } from './sites';

export { CHROME_PATH } from '../../scripts/chromium';
import { CHROME_FLAGS, CHROME_PATH } from '../../scripts/chromium';
export { CHROME_FLAGS } from '../../scripts/chromium';

/** A fresh Chromium with a fresh profile (playwright gives every launch its own temporary profile). */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS });
}

export const phone: BrowserContextOptions = {
	viewport: { width: 375, height: 812 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
export const devices = { phone, desktop } as const;
export type DeviceName = keyof typeof devices;

/** Serves a built test site on a free port under its own base path. */
export function serveSite(site: BuiltSite): Promise<StaticServer> {
	return serveStatic(site.dir, { port: 0, base: site.base });
}

export interface WatchedPage {
	page: Page;
	context: BrowserContext;
	/** Console errors and uncaught exceptions. */
	errors: string[];
	/** Own-origin requests that failed, or answered with status >= 400, as `status url`. */
	failed: string[];
	/** Every URL the page requested (any origin), for checks such as "no JavaScript files". */
	requests: string[];
	/** Everything above that is a problem, for `expect(w.problems()).toEqual([])`. */
	problems(): string[];
	/** Requests whose path ends in .js (or .mjs). */
	scriptRequests(): string[];
	close(): Promise<void>;
}

export interface WatchOptions extends BrowserContextOptions {
	/** Own-origin URLs expected to fail (a deliberate 404 navigation, images a fixture breaks on purpose). */
	allow?: (url: URL) => boolean;
}

const OWN_HOST = '127.0.0.1';
const isOwn = (url: string) => {
	try {
		return new URL(url).hostname === OWN_HOST;
	} catch {
		return false;
	}
};

/** Opens a page in a new context that records errors; remote hosts are unreachable here and are ignored. */
export async function openPage(browser: Browser, options: WatchOptions = {}): Promise<WatchedPage> {
	const { allow = () => false, ...contextOptions } = options;
	const context = await browser.newContext(contextOptions);
	const page = await context.newPage();
	const errors: string[] = [];
	const failed: string[] = [];
	const requests: string[] = [];
	const allowed = (url: string) => {
		try {
			return allow(new URL(url));
		} catch {
			return false;
		}
	};

	page.on('request', (req) => requests.push(req.url()));
	page.on('response', (res) => {
		if (res.status() >= 400 && isOwn(res.url()) && !allowed(res.url())) failed.push(`${res.status()} ${res.url()}`);
	});
	page.on('requestfailed', (req) => {
		const reason = req.failure()?.errorText ?? 'failed';
		// A navigation cancels the previous page's pending loads (lazy images): the harness's doing, not the site's.
		if (reason === 'net::ERR_ABORTED' && req.resourceType() !== 'document') return;
		if (isOwn(req.url()) && !allowed(req.url())) failed.push(`${reason} ${req.url()}`);
	});
	page.on('console', (msg) => {
		if (msg.type() !== 'error') return;
		const where = msg.location().url;
		// Chromium logs every 4xx resource as a console error too: judge those by their URL like the responses above.
		if (/^Failed to load resource/.test(msg.text()) && where && (!isOwn(where) || allowed(where))) return;
		errors.push(`${msg.text()}${where ? ` (${where})` : ''}`);
	});
	page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));

	const scriptRequests = () => requests.filter((u) => /\.m?js$/.test(new URL(u).pathname));
	return {
		page,
		context,
		errors,
		failed,
		requests,
		problems: () => [...errors.map((e) => `console: ${e}`), ...failed.map((f) => `request: ${f}`)],
		scriptRequests,
		close: () => context.close()
	};
}

/** Taps on touch devices, clicks elsewhere, so phone flows use the phone's gesture. */
export async function press(page: Page, target: Locator): Promise<void> {
	const touch = await page.evaluate(() => matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0);
	if (touch) await target.tap();
	else await target.click();
}

/**
 * True when the page cannot be scrolled sideways. Compared with the layout viewport too: under mobile emulation
 * Chromium widens innerWidth to fit overflowing content (the page may zoom out), so innerWidth alone hides overflow.
 */
export function noHorizontalScroll(page: Page): Promise<boolean> {
	return page.evaluate(() => {
		const root = document.scrollingElement ?? document.documentElement;
		return root.scrollWidth <= Math.min(window.innerWidth, document.documentElement.clientWidth);
	});
}

/** The widest elements that stick out to the right of the viewport, to name the culprit in a failure message. */
export function overflowing(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: { what: string; right: number }[] = [];
		const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
		for (const el of document.body.querySelectorAll('*')) {
			const box = el.getBoundingClientRect();
			if (box.right <= width + 0.5 || box.width === 0) continue;
			// Content scrolled inside a box that fits (a wide table or code block) does not move the page.
			let clipped = false;
			for (let up = el.parentElement; up && up !== document.body && !clipped; up = up.parentElement) {
				clipped = getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 0.5;
			}
			if (clipped) continue;
			const cls =
				typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
			out.push({
				what: `${el.tagName.toLowerCase()}${cls} (right edge ${Math.round(box.right)} px)`,
				right: box.right
			});
		}
		return out
			.sort((a, b) => b.right - a.right)
			.slice(0, 8)
			.map((o) => o.what);
	});
}

export const SCREENSHOT_DIR = resolve('.artifacts/screenshots');

/** Saves a full-page screenshot as .artifacts/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const path = join(SCREENSHOT_DIR, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

/** Waits for web fonts and for every image, lazy ones included, so a screenshot shows the finished page. */
export async function settle(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await document.fonts.ready;
		const images = [...document.images];
		for (const img of images) img.loading = 'eager';
		const loaded = (img: HTMLImageElement) =>
			img.complete
				? null
				: new Promise((done) => {
						img.addEventListener('load', done, { once: true });
						img.addEventListener('error', done, { once: true });
					});
		await Promise.all(images.map(loaded));
	});
}

/** Relative luminance (0 black … 1 white) of a computed CSS colour: `rgb(17, 20, 24)` or `color(srgb 0.1 0.2 0.3)`. */
export function luminance(color: string): number {
	const scale = color.startsWith('color(srgb') ? 1 : 255;
	const [r, g, b] = (color.replace(/^color\(srgb/, '').match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
		const c = Number(v) / scale;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	helpUrl: string;
	nodes: { target: unknown[]; failureSummary?: string }[];
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page as it is now; returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
	// Evaluated through the DevTools protocol, not as an inline <script>: the site's Content Security Policy would refuse that.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
	return page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }
		).axe;
		const result = await axe.run(document, { resultTypes: ['violations'] });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
		}));
	});
}

/** One line per violation: id, impact, help and the first few targets. */
export function describeViolations(violations: AxeViolation[]): string {
	return violations
		.map((v) => {
			const targets = v.nodes
				.slice(0, 5)
				.map((n) => JSON.stringify(n.target))
				.join(', ');
			const more = v.nodes.length > 5 ? ` … and ${v.nodes.length - 5} more` : '';
			// Distinct reasons (e.g. each colour pair of a contrast failure), not one per node.
			const reasons = [
				...new Set(
					v.nodes.map(
						(n) => n.failureSummary?.replace(/^Fix (any|all) of the following:\s*/, '').replace(/\s+/g, ' ') ?? ''
					)
				)
			];
			return `${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n  targets: ${targets}${more}\n${reasons.map((r) => `  - ${r}`).join('\n')}`;
		})
		.join('\n');
}

/** Starts Chromium and a static server for a built site before a file's tests, and stops both after them. */
export function browseSite(site: BuiltSite): { browser: Browser; server: StaticServer } {
	const session = {} as { browser: Browser; server: StaticServer };
	beforeAll(async () => {
		[session.browser, session.server] = await Promise.all([launchBrowser(), serveSite(site)]);
	});
	afterAll(async () => {
		await session.browser?.close();
		await session.server?.close();
	});
	return session;
}
