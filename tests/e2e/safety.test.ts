/**
 * Posts cannot run script, in a real Chromium.
 *
 * 1. Every post of the hostile site (posts that try <script>, event handlers, javascript:/vbscript:/data: links,
 *    iframes, forms…) is loaded, every element of the article hovered and every link, button and summary in it
 *    clicked (navigation away is cancelled, so the clicks stay on the post); after each step no dialog opened, no frame
 *    has `window.__pwned`, no script other than the site's own files logged to the console, nothing threw, and no
 *    request went to evil.example. The search page is probed the same way with queries that hit the hostile posts.
 * 2. The Content Security Policy holds without getting in the way: each page type of the demo site and every hostile
 *    post carries exactly one CSP <meta> (in <head>, before any script, no 'unsafe-inline' for scripts) and raises no
 *    `securitypolicyviolation` after load, a theme toggle, a copy button, the contents box on a phone and a search.
 * 3. What a post may legitimately use still renders on /posts/hop-le/ under that policy.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticServer } from '../../scripts/serve';
import { browseSite, desktop, devices, openPage, press, serveSite, type WatchedPage } from '../helpers/browser';
import { site, type BuiltSite } from '../helpers/sites';

const hostile = site('hostile');
const demo = site('demo');
const fixtures = site('fixtures');
const session = browseSite(hostile);
let demoServer: StaticServer;
let fixturesServer: StaticServer;
beforeAll(async () => {
	[demoServer, fixturesServer] = await Promise.all([serveSite(demo), serveSite(fixtures)]);
});
afterAll(async () => {
	await demoServer?.close();
	await fixturesServer?.close();
});

/** Slugs of the hostile site's post pages, read from the build. */
const postsOf = (s: BuiltSite) => {
	const dir = join(s.dir, 'posts');
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
		.map((d) => d.name)
		.sort();
};
const hostilePosts = postsOf(hostile);
/** Every fixture post, plus the symlinks post written at test time: none may be left out of the build. */
const expectedHostile = [
	...readdirSync('tests/fixtures/hostile')
		.filter((f) => f.endsWith('.md'))
		.map((f) => f.replace(/\.md$/, '')),
	'symlinks',
	// tests/fixtures/hostile/0/hop-le.md wants the address of hop-le.md, which is older: it is published beside it.
	'0-hop-le'
].sort();

const CLIPBOARD = ['clipboard-read', 'clipboard-write'];
const EVIL = /(^|\.)evil\.example$/i;
const hostOf = (url: string) => {
	try {
		return new URL(url).hostname;
	} catch {
		return '';
	}
};
const withoutHash = (url: string) => url.split('#')[0];
const at = (server: StaticServer, path: string) => new URL(path.replace(/^\//, ''), server.url).href;

/** Resolves to `fallback` when `work` takes longer than `ms` (a frame that is navigating or going away). */
function within<T>(work: Promise<T>, fallback: T, ms = 2_000): Promise<T> {
	return Promise.race([work.catch(() => fallback), new Promise<T>((done) => setTimeout(() => done(fallback), ms))]);
}

/** Lets queued tasks run (a javascript: URL runs as a task after the click that followed it). */
async function settleTasks(page: Page): Promise<void> {
	await within(
		page.evaluate(
			() => new Promise<void>((done) => setTimeout(() => requestAnimationFrame(() => setTimeout(done, 30)), 30))
		),
		undefined
	);
	await page.waitForTimeout(50);
}

/** Scrolls through the page so that lazy images and iframes load too. */
async function scrollThrough(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const pause = () => new Promise((done) => setTimeout(done, 20));
		const root = document.scrollingElement ?? document.documentElement;
		for (let y = 0; y < root.scrollHeight; y += Math.max(200, innerHeight / 2)) {
			scrollTo(0, y);
			await pause();
		}
		scrollTo(0, root.scrollHeight);
		await pause();
		scrollTo(0, 0);
	});
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Hostile posts run no script
// ---------------------------------------------------------------------------------------------------------------

/** Where the site's own script files live; inline scripts of the site never log, so a log from a page is foreign. */
const isSiteScript = (url: string, s: BuiltSite) => {
	if (hostOf(url) !== '127.0.0.1') return false;
	const path = new URL(url).pathname.slice(s.base.length);
	return path.startsWith('/_app/') || path.startsWith('/pagefind/');
};

interface Guarded {
	w: WatchedPage;
	page: Page;
	/** Loads `path` of the site; the main frame may load nothing else until the next `visit`. */
	visit(path: string): Promise<void>;
	/** Back to the page under test if a click left it or replaced its document. */
	stay(): Promise<void>;
	/** Asserts (softly) that nothing ran since the previous step. */
	check(step: string): Promise<void>;
	close(): Promise<void>;
}

/**
 * Init script: `window.__pwned` becomes a trap that reports every assignment to the test at once, so that a script
 * which sets it and then replaces the document (a javascript: URL that returns a string does) is still caught.
 */
function trapPwned() {
	const w = window as unknown as { __pwned?: unknown; __pwnedSet?: (value: string) => void };
	let value: unknown;
	Object.defineProperty(window, '__pwned', {
		configurable: true,
		get: () => value,
		set: (v) => {
			value = v;
			void w.__pwnedSet?.(String(v));
		}
	});
}

/** Marks the document under test, to notice when something replaces it without a request. */
const MARK = '__probedDocument';

/**
 * A desktop page on the hostile site that records, across every page and frame of its context: dialogs, assignments
 * to `window.__pwned`, console calls from scripts that are not the site's files, uncaught errors, requests to
 * evil.example, and a document replaced without any request (what a javascript: URL does). Other hosts are
 * unreachable here and are answered with an error at once; navigation of the main frame away from the page under test
 * is cancelled (the post stays), and popups are closed after each step.
 */
async function guarded(s: BuiltSite, server: StaticServer): Promise<Guarded> {
	const w = await openPage(session.browser, { ...desktop, permissions: CLIPBOARD });
	const { page, context } = w;
	const seen = {
		dialogs: [] as string[],
		pwned: [] as string[],
		console: [] as string[],
		uncaught: [] as string[],
		evil: [] as string[]
	};
	const reported = { dialogs: 0, pwned: 0, console: 0, uncaught: 0, evil: 0 };
	let home = '';
	/** Navigation requests of the page under test since it was last marked (to itself or, refused, elsewhere). */
	let navigations = 0;

	await context.exposeBinding('__pwnedSet', (source, value: string) => {
		seen.pwned.push(`window.__pwned = ${value} set in ${source.frame.url() || 'about:blank'}`);
	});
	await context.addInitScript(trapPwned);
	context.on('request', (req) => {
		if (EVIL.test(hostOf(req.url()))) seen.evil.push(`${req.method()} ${req.url()} (${req.resourceType()})`);
	});
	context.on('dialog', (dialog) => {
		seen.dialogs.push(`${dialog.type()} “${dialog.message()}” on ${dialog.page()?.url() ?? '?'}`);
		void dialog.dismiss().catch(() => undefined);
	});
	context.on('console', (msg) => {
		// Chromium's own messages (failed loads, CSP reports) carry no arguments; console.* calls from scripts do.
		if (msg.args().length === 0) return;
		const where = msg.location().url;
		if (isSiteScript(where, s)) return;
		seen.console.push(`console.${msg.type()}(${JSON.stringify(msg.text())}) from ${where || 'an unknown script'}`);
	});
	context.on('weberror', (error) => seen.uncaught.push(`uncaught ${error.error().message}`));
	await context.route('**/*', async (route, req) => {
		const url = req.url();
		let mainFrame = false;
		try {
			mainFrame = req.frame() === page.mainFrame();
		} catch {
			// Requests of service workers have no frame.
		}
		// A link that leaves the page is a request, not a script: counted, so that the error page Chromium shows for
		// a refused navigation (which may commit only after the check) is not taken for a replaced document.
		if (req.isNavigationRequest() && mainFrame) navigations++;
		if (hostOf(url) !== '127.0.0.1') return route.abort('blockedbyclient');
		if (req.isNavigationRequest() && mainFrame && withoutHash(url) !== home) return route.abort('aborted');
		return route.continue();
	});

	/** A value of `window.__pwned` that got past the trap (a frame the init script did not reach). */
	const untrapped = async (frame: Frame) =>
		within(
			frame.evaluate(() => {
				const own = Object.getOwnPropertyDescriptor(window, '__pwned');
				if (!own || !('value' in own)) return null;
				// Cleared, so that the next step reports only what it caused.
				delete (window as unknown as { __pwned?: unknown }).__pwned;
				return String(own.value);
			}),
			null
		);

	const pwnedInFrames = async () => {
		const hits: string[] = [];
		for (const p of context.pages()) {
			for (const frame of p.frames()) {
				const value = await untrapped(frame);
				if (value !== null) hits.push(`window.__pwned = ${value} in ${frame.url() || 'about:blank'}`);
			}
		}
		return hits;
	};

	const marked = () =>
		within(
			page.evaluate((mark) => mark in document, MARK),
			false
		);
	const mark = async () => {
		await page.evaluate((mark) => Object.defineProperty(document, mark, { value: true }), MARK);
		navigations = 0;
	};

	const fresh = (key: keyof typeof seen) => {
		const out = seen[key].slice(reported[key]);
		reported[key] = seen[key].length;
		return out;
	};

	const stay = async () => {
		if (withoutHash(page.url()) !== home || !(await marked())) {
			await page.goto(home);
			await mark();
		}
	};

	return {
		w,
		page,
		async visit(path) {
			home = withoutHash(at(server, path));
			await page.goto(home);
			await mark();
		},
		stay,
		async check(step) {
			await settleTasks(page);
			const replaced =
				!(await marked()) && navigations === 0 && withoutHash(page.url()) === home
					? [`the document was replaced without a request (a javascript: URL or document.write ran)`]
					: [];
			const found = [
				...fresh('dialogs').map((d) => `dialog: ${d}`),
				...fresh('pwned'),
				...(await pwnedInFrames()),
				...replaced,
				...fresh('console').map((c) => `script output: ${c}`),
				...fresh('uncaught'),
				...fresh('evil').map((r) => `request to evil.example: ${r}`)
			];
			expect.soft(found, `${page.url()} after ${step}`).toEqual([]);
			for (const popup of context.pages()) if (popup !== page) await popup.close();
			await stay();
		},
		close: () => w.close()
	};
}

/** A short name for an element in a failure message: tag, classes, attributes that matter and some text. */
function describeElement(el: Element): string {
	const cls =
		typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
	const attrs = ['href', 'src', 'action', 'formaction', 'type']
		.filter((a) => el.hasAttribute(a))
		.map((a) => `[${a}="${el.getAttribute(a)!.slice(0, 60)}"]`)
		.join('');
	const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
	return `<${el.tagName.toLowerCase()}${cls}${attrs}>${text ? ` “${text}”` : ''}`;
}

/** Hovers every element inside `scope`, then clicks every link, button and summary in it; checks after each step. */
async function probe(
	g: Guarded,
	path: string,
	scope: string,
	ready?: string
): Promise<{ hovered: number; clicked: number }> {
	const { page } = g;
	await g.visit(path);
	if (ready) await page.locator(ready).first().waitFor({ timeout: 15_000 });
	expect(await page.locator(scope).count(), `${scope} on ${path}`).toBeGreaterThan(0);
	await g.check('load');

	// Hover: a real mouse over the element's centre, and mouseover/mouseenter on the element itself in case another
	// element covers it or it has no box.
	const elements = page.locator(`${scope} *`);
	const total = await elements.count();
	for (let i = 0; i < total; i++) {
		const el = elements.nth(i);
		const name = await within(el.evaluate(describeElement, undefined, { timeout: 5_000 }), '(an element gone)');
		const point = await within(
			el.evaluate(
				(node) => {
					node.scrollIntoView({ block: 'center', inline: 'center' });
					const box = node.getBoundingClientRect();
					return box.width > 0 && box.height > 0 ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
				},
				undefined,
				{ timeout: 5_000 }
			),
			null
		);
		if (point) await page.mouse.move(point.x, point.y);
		for (const type of ['mouseover', 'mouseenter']) {
			await within(el.dispatchEvent(type, undefined, { timeout: 5_000 }), undefined);
		}
		await g.check(`hovering ${name}`);
	}

	// Click: real clicks where the element can be clicked, a dispatched click elsewhere (hidden in a closed <details>,
	// an SVG link), so that every target is activated once.
	const clickable = page.locator(
		`${scope} a, ${scope} button, ${scope} summary, ${scope} input[type="submit"], ${scope} input[type="button"], ${scope} [role="button"], ${scope} [onclick]`
	);
	const targets = await clickable.count();
	for (let i = 0; i < targets; i++) {
		await g.stay();
		const target = clickable.nth(i);
		const name = await within(target.evaluate(describeElement, undefined, { timeout: 5_000 }), '(an element gone)');
		let how = 'click';
		try {
			if (!(await target.isVisible())) throw new Error('hidden');
			await target.click({ timeout: 2_000 });
		} catch {
			how = 'dispatched click';
			await within(
				target.evaluate((node) =>
					node.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }))
				),
				false
			);
		}
		await g.check(`${how} on ${name}`);
	}
	await g.stay();
	await g.check('the last click');
	return { hovered: total, clicked: targets };
}

describe('hostile posts run no script', () => {
	it('built every hostile post', () => {
		expect(hostile.code, hostile.output.slice(-3000)).toBe(0);
		expect(hostilePosts).toEqual(expectedHostile);
	});

	it.each(hostilePosts)(
		'/posts/%s/: hovering and clicking everything in the article runs nothing',
		async (slug) => {
			const g = await guarded(hostile, session.server);
			try {
				const { hovered, clicked } = await probe(g, `/posts/${slug}/`, 'article');
				expect(hovered).toBeGreaterThan(0);
				// Every post links at least to its neighbours.
				expect(clicked).toBeGreaterThan(0);
			} finally {
				await g.close();
			}
		},
		120_000
	);

	it.each(['pwned', 'script', 'javascript'])(
		'the search page shows hostile text as text (query “%s”)',
		async (query) => {
			const g = await guarded(hostile, session.server);
			try {
				const { clicked } = await probe(
					g,
					`/search/?q=${encodeURIComponent(query)}`,
					'main',
					'[data-search-results] li'
				);
				expect(clicked).toBeGreaterThan(0);
			} finally {
				await g.close();
			}
		},
		120_000
	);
});

// ---------------------------------------------------------------------------------------------------------------
// 2. The Content Security Policy holds and is never violated
// ---------------------------------------------------------------------------------------------------------------

interface Violation {
	directive: string;
	violated: string;
	blocked: string;
	source: string;
	sample: string;
	disposition: string;
}

/** Init script: every `securitypolicyviolation` of the frame into `window.__cspViolations`. */
function recordViolations() {
	const w = window as unknown as { __cspViolations: Violation[] };
	w.__cspViolations = [];
	window.addEventListener(
		'securitypolicyviolation',
		(e) => {
			w.__cspViolations.push({
				directive: e.effectiveDirective,
				violated: e.violatedDirective,
				blocked: e.blockedURI,
				source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
				sample: e.sample,
				disposition: e.disposition
			});
		},
		true
	);
}

/** `data:font/woff2;base64,d09GMgAB…` instead of kilobytes of base64 in a failure message. */
const shortenData = (text: string) => text.replace(/(data:[\w/+.-]+(?:;[\w-]+)*,)[^'"\s)]{16,}/g, '$1…');

/** Each distinct line once, with how many times it occurred. */
const tally = (lines: string[]) => {
	const counts = new Map<string, number>();
	for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
	return [...counts].map(([line, n]) => (n > 1 ? `${line} (×${n})` : line));
};

/** In the page: the @font-face rules of its stylesheets whose src has a data: URL, as `family [unicode-range] (type)`. */
function fontFacesWithDataUrls(): string[] {
	const out: string[] = [];
	for (const sheet of [...document.styleSheets]) {
		let rules: CSSRuleList;
		try {
			rules = sheet.cssRules;
		} catch {
			continue;
		}
		for (const rule of [...rules]) {
			if (!(rule instanceof CSSFontFaceRule)) continue;
			const src = rule.style.getPropertyValue('src');
			const types = [...src.matchAll(/url\("?data:([^;,]+)/g)].map((m) => m[1]);
			if (!types.length) continue;
			const family = rule.style.getPropertyValue('font-family').replace(/["']/g, '');
			const range = rule.style.getPropertyValue('unicode-range');
			out.push(`${family} [${range.length > 24 ? `${range.slice(0, 24)}…` : range}] (${types.join(' + ')})`);
		}
	}
	return out;
}

interface CspWatch {
	/** Violations recorded in every frame of the page since the previous call, one line each, labelled with `step`. */
	take(page: Page, step: string): Promise<string[]>;
	/** Chromium's console reports of blocked content, for the same steps. */
	reports: string[];
}

async function watchCsp(context: BrowserContext): Promise<CspWatch> {
	await context.addInitScript(recordViolations);
	const reports: string[] = [];
	context.on('console', (msg) => {
		if (/Content Security Policy/i.test(msg.text())) reports.push(`${shortenData(msg.text())} (${msg.location().url})`);
	});
	// No other host is reachable here: answer at once instead of waiting for a DNS failure.
	await context.route(
		(url) => url.hostname !== '127.0.0.1',
		(route) => route.abort('blockedbyclient')
	);
	return {
		reports,
		async take(page, step) {
			const out: string[] = [];
			for (const frame of page.frames()) {
				const list = await within(
					frame.evaluate(() => {
						const w = window as unknown as { __cspViolations?: Violation[] };
						return w.__cspViolations ? w.__cspViolations.splice(0) : [];
					}),
					[] as Violation[]
				);
				const where = frame === page.mainFrame() ? page.url() : `frame ${frame.url()} of ${page.url()}`;
				// A blocked data: URL is reported as just "data": name the @font-face rules that hold one.
				const dataFonts = list.some((v) => v.directive === 'font-src' && v.blocked === 'data')
					? await within(frame.evaluate(fontFacesWithDataUrls), [] as string[])
					: [];
				for (const v of list) {
					const hint =
						v.directive === 'font-src' && v.blocked === 'data' && dataFonts.length
							? `; @font-face rules with data: sources: ${dataFonts.join(', ')}`
							: '';
					out.push(
						`${where} after ${step}: ${v.directive} (${v.violated}) blocked ${v.blocked || '?'} at ${v.source}` +
							`${v.sample ? `, sample “${v.sample}”` : ''}${v.disposition === 'report' ? ' [report only]' : ''}${hint}`
					);
				}
			}
			return out;
		}
	};
}

interface PolicyFacts {
	count: number;
	content: string;
	inHead: boolean;
	beforeScripts: boolean;
}

/** The page's CSP meta tags as the browser parsed them. */
const policyOf = (page: Page): Promise<PolicyFacts> =>
	page.evaluate(() => {
		const metas = [...document.querySelectorAll('meta[http-equiv]')].filter(
			(m) => m.getAttribute('http-equiv')!.trim().toLowerCase() === 'content-security-policy'
		);
		const first = metas[0];
		const firstScript = document.querySelector('script');
		return {
			count: metas.length,
			content: first?.getAttribute('content') ?? '',
			inHead: first?.parentElement === document.head,
			beforeScripts:
				!!first && (!firstScript || !!(first.compareDocumentPosition(firstScript) & Node.DOCUMENT_POSITION_FOLLOWING))
		};
	});

/** Asserts one CSP meta in <head> before every script, with script-src free of 'unsafe-inline' and 'unsafe-eval'. */
async function expectPolicy(page: Page, label: string, { search = false } = {}) {
	const policy = await policyOf(page);
	expect(policy.count, `CSP meta tags on ${label}`).toBe(1);
	expect(policy.inHead, `CSP meta in <head> on ${label}`).toBe(true);
	expect(policy.beforeScripts, `CSP meta before the first script on ${label}`).toBe(true);
	const directives = new Map(
		policy.content
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name.toLowerCase(), values] as const)
	);
	const scriptSrc = directives.get('script-src');
	expect(scriptSrc, `script-src on ${label}: ${policy.content}`).toBeDefined();
	for (const name of ['script-src', 'script-src-elem', 'script-src-attr']) {
		const values = (directives.get(name) ?? []).map((v) => v.toLowerCase());
		expect(values, `${name} on ${label}`).not.toContain("'unsafe-inline'");
		expect(values, `${name} on ${label}`).not.toContain("'unsafe-eval'");
		expect(values, `${name} on ${label}`).not.toContain('*');
		expect(values, `${name} on ${label}`).not.toContain('data:');
	}
	// WebAssembly (Pagefind's index) only where the search runs.
	expect(scriptSrc!.includes("'wasm-unsafe-eval'"), `'wasm-unsafe-eval' on ${label}`).toBe(search);
}

interface PageType {
	name: string;
	path: string;
	/** Selector to wait for before reading (search results). */
	ready?: string;
	status?: number;
}

const isSearch = (page: Page) => new URL(page.url()).pathname.endsWith('/search/');

/**
 * One page through every interaction that runs the site's scripts, collecting CSP violations after each: load (and a
 * scroll, for lazy content), the theme toggle, a copy button; the same page on a phone with its contents box opened;
 * then a search from the header form. Returns the violations and Chromium's CSP console reports.
 */
async function cspWalk(
	server: StaticServer,
	target: PageType,
	query: string
): Promise<{ violations: string[]; reports: string[] }> {
	const found: string[] = [];
	const reports: string[] = [];
	const label = target.path;

	// Desktop: load, toggle theme, copy code, search.
	const w = await openPage(session.browser, { ...desktop, colorScheme: 'light', permissions: CLIPBOARD });
	const csp = await watchCsp(w.context);
	const { page } = w;
	try {
		const response = await page.goto(at(server, target.path));
		expect(response?.status(), `status of ${label}`).toBe(target.status ?? 200);
		if (target.ready) await page.locator(target.ready).first().waitFor({ timeout: 15_000 });
		await scrollThrough(page);
		await settleTasks(page);
		found.push(...(await csp.take(page, 'load')));
		await expectPolicy(page, label, { search: isSearch(page) });

		const toggle = page.locator('[data-theme-toggle]');
		await expect.poll(() => toggle.isVisible(), { message: `theme toggle shown on ${label}` }).toBe(true);
		const before = await page.evaluate(() => document.documentElement.dataset.theme ?? null);
		await press(page, toggle);
		expect(await page.evaluate(() => document.documentElement.dataset.theme ?? null), `theme on ${label}`).not.toBe(
			before
		);
		found.push(...(await csp.take(page, 'the theme toggle')));

		const copy = page.locator('.copy-code');
		if (await copy.count()) {
			await copy.first().scrollIntoViewIfNeeded();
			await press(page, copy.first());
			await expect.poll(() => copy.first().innerText(), { message: `copy button on ${label}` }).toBe('Đã chép');
			found.push(...(await csp.take(page, 'a copy button')));
		}

		// The search page has one search box, its own; every other page has the header's.
		const onSearch = isSearch(page);
		const header = page.locator(onSearch ? '#search-query' : '.site-header input[name="q"]');
		await header.fill(query);
		// The header's form goes to the search page; the search page's own box searches in place, without a reload.
		const loaded = onSearch ? undefined : page.waitForEvent('load');
		await header.press('Enter');
		await loaded;
		expect(new URL(page.url()).pathname, `search from ${label}`).toMatch(/\/search\/$/);
		await page.locator('[data-search-results] li').first().waitFor({ timeout: 15_000 });
		await settleTasks(page);
		found.push(...(await csp.take(page, `a search for “${query}” from ${label}`)));
		await expectPolicy(page, `the search page reached from ${label}`, { search: true });
		reports.push(...csp.reports.map((r) => `console on ${label} (desktop): ${r}`));
	} finally {
		await w.close();
	}

	// Phone: the contents box starts folded; a reader opens it.
	const phone = await openPage(session.browser, { ...devices.phone, permissions: CLIPBOARD });
	const phoneCsp = await watchCsp(phone.context);
	try {
		const p = phone.page;
		await p.goto(at(server, target.path));
		if (target.ready) await p.locator(target.ready).first().waitFor({ timeout: 15_000 });
		found.push(...(await phoneCsp.take(p, 'load on a phone')));
		const toc = p.locator('details.toc');
		if (await toc.count()) {
			expect(await toc.evaluate((d) => (d as HTMLDetailsElement).open), `contents folded on a phone on ${label}`).toBe(
				false
			);
			await press(p, toc.locator('summary'));
			await expect.poll(() => toc.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
			found.push(...(await phoneCsp.take(p, 'opening the contents box on a phone')));
		}
		await press(p, p.locator('[data-theme-toggle]'));
		found.push(...(await phoneCsp.take(p, 'the theme toggle on a phone')));
		reports.push(...phoneCsp.reports.map((r) => `console on ${label} (phone): ${r}`));
	} finally {
		await phone.close();
	}
	return { violations: tally(found), reports: tally(reports) };
}

const demoPages: PageType[] = [
	{ name: 'home', path: '/' },
	{ name: 'a post with code, a table and contents', path: '/posts/tien-trinh-va-luong/' },
	{ name: 'the category index', path: '/categories/' },
	{ name: 'a category page', path: '/categories/he-thong-phan-tan/' },
	{ name: 'the search page with results', path: '/search/?q=tien+trinh', ready: '[data-search-results] li' },
	{ name: 'the 404 page', path: '/posts/khong-co-bai-nay/', status: 404 }
];

describe('the Content Security Policy is never violated', () => {
	it.each(demoPages.map((p) => [p.name, p] as const))(
		'demo site, %s',
		async (_name, target) => {
			const { violations, reports } = await cspWalk(demoServer, target, 'tien trinh');
			expect(violations, violations.join('\n')).toEqual([]);
			expect(reports, reports.join('\n')).toEqual([]);
		},
		120_000
	);

	it('demo site: the post with code really has copy buttons and a contents box', async () => {
		const w = await openPage(session.browser, devices.phone);
		await w.page.goto(at(demoServer, '/posts/tien-trinh-va-luong/'));
		expect(await w.page.locator('.copy-code').count()).toBeGreaterThan(0);
		expect(await w.page.locator('details.toc').count()).toBe(1);
		await w.close();
	});

	it.each(hostilePosts)(
		'hostile site, /posts/%s/',
		async (slug) => {
			const { violations, reports } = await cspWalk(session.server, { name: slug, path: `/posts/${slug}/` }, 'script');
			expect(violations, violations.join('\n')).toEqual([]);
			expect(reports, reports.join('\n')).toEqual([]);
		},
		120_000
	);

	it('fixtures site (base path /my-notes): every page of posts and listings loads without a violation', async () => {
		const w = await openPage(session.browser, { ...desktop, permissions: CLIPBOARD });
		const csp = await watchCsp(w.context);
		const { page } = w;
		const found: string[] = [];
		try {
			const paths = ['/', '/categories/', ...postsOf(fixtures).map((slug) => `/posts/${slug}/`)];
			for (const path of paths) {
				await page.goto(at(fixturesServer, path));
				await scrollThrough(page);
				await settleTasks(page);
				found.push(...(await csp.take(page, 'load')));
				await expectPolicy(page, `${fixtures.base}${path}`);
				await press(page, page.locator('[data-theme-toggle]'));
				found.push(...(await csp.take(page, 'the theme toggle')));
			}
			const violations = tally(found);
			expect(violations, violations.join('\n')).toEqual([]);
			expect(tally(csp.reports), csp.reports.join('\n')).toEqual([]);
		} finally {
			await w.close();
		}
	}, 120_000);
});

// ---------------------------------------------------------------------------------------------------------------
// 3. What a post may use still works
// ---------------------------------------------------------------------------------------------------------------

describe('the legitimate post /posts/hop-le/ keeps its features under the policy', () => {
	it('renders the callout, the GitHub alert, details, kbd, sub, sup, the embed, the video and math', async () => {
		const w = await openPage(session.browser, { ...desktop, colorScheme: 'light' });
		const csp = await watchCsp(w.context);
		const { page } = w;
		try {
			await page.goto(at(session.server, '/posts/hop-le/'));
			const prose = page.locator('article .prose');

			const callout = prose.locator('aside.callout', { has: page.locator('.callout-title', { hasText: 'Chú ý' }) });
			expect(await callout.count(), 'Callout titled “Chú ý”').toBe(1);
			expect(await callout.locator('strong').innerText()).toBe('Callout');
			const alert = prose.locator('aside.callout-note');
			expect(await alert.count(), 'GitHub alert').toBe(1);
			expect(await alert.innerText()).toContain('Cảnh báo kiểu GitHub.');

			const details = prose.locator('details', { has: page.locator('summary', { hasText: 'Mở ra' }) });
			expect(await details.count()).toBe(1);
			expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
			await details.locator('summary').click();
			await expect.poll(() => details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
			expect(await details.locator('kbd').allInnerTexts()).toEqual(['Ctrl', 'C']);
			expect(await details.locator('sub').innerText()).toBe('2');
			expect(await details.locator('sup').innerText()).toBe('2');
			expect(await details.locator('kbd').first().isVisible()).toBe(true);

			const iframe = prose.locator('iframe');
			expect(await iframe.count(), 'one embed').toBe(1);
			const src = new URL((await iframe.getAttribute('src'))!);
			expect(src.protocol).toBe('https:');
			expect(src.hostname).toBe('www.youtube.com');
			expect(src.pathname).toBe('/embed/dQw4w9WgXcQ');
			expect(await iframe.getAttribute('srcdoc')).toBeNull();

			const video = prose.locator('video');
			expect(await video.count()).toBe(1);
			expect(await video.getAttribute('src')).toBe('https://example.com/v.mp4');
			expect(await video.getAttribute('controls')).not.toBeNull();

			const math = prose.locator('.katex');
			expect(await math.count(), 'KaTeX math').toBeGreaterThan(0);
			expect(await math.first().locator('annotation').textContent()).toBe('x^2');
			// KaTeX's stylesheet applied: the MathML copy is visually hidden, the HTML rendering shows.
			expect(
				await math
					.first()
					.locator('.katex-mathml')
					.evaluate((el) => getComputedStyle(el).position)
			).toBe('absolute');
			expect(await math.first().locator('.katex-html').isVisible()).toBe(true);

			await scrollThrough(page);
			await settleTasks(page);
			const violations = tally(await csp.take(page, 'load and details'));
			expect(violations, violations.join('\n')).toEqual([]);
			expect(tally(csp.reports), csp.reports.join('\n')).toEqual([]);
		} finally {
			await w.close();
		}
	});

	it('runs the theme toggle (its inline script is allowed by hash)', async () => {
		const w = await openPage(session.browser, { ...desktop, colorScheme: 'light' });
		const csp = await watchCsp(w.context);
		const { page } = w;
		try {
			await page.goto(at(session.server, '/posts/hop-le/'));
			const toggle = page.locator('[data-theme-toggle]');
			// Hidden until the script shows it: visible means the script ran.
			await expect.poll(() => toggle.isVisible()).toBe(true);
			const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? null);
			expect(await theme()).toBeNull();
			await toggle.click();
			expect(await theme()).toBe('dark');
			expect(await toggle.getAttribute('aria-pressed')).toBe('true');
			await toggle.click();
			expect(await theme()).toBe('light');
			expect(await toggle.getAttribute('aria-pressed')).toBe('false');
			// The head script applies the stored choice on the next load.
			await toggle.click();
			const found = await csp.take(page, 'three theme toggles');
			await page.reload();
			expect(await theme()).toBe('dark');
			const violations = tally([...found, ...(await csp.take(page, 'a reload'))]);
			expect(violations, violations.join('\n')).toEqual([]);
			expect(tally(csp.reports), csp.reports.join('\n')).toEqual([]);
		} finally {
			await w.close();
		}
	});
});

// ---------------------------------------------------------------------------------------------------------------
// 4. A post stays in its box, and the site's script keeps working around it (issue 21, findings 7 and 11)
// ---------------------------------------------------------------------------------------------------------------

describe('a post cannot cover the page or take over the site’s script', () => {
	it('/posts/phu-trang/: the header stays on top, and its search link leads to the site’s own search', async () => {
		const w = await openPage(session.browser, desktop);
		const { page } = w;
		try {
			await page.goto(at(session.server, '/posts/phu-trang/'));
			const link = page.locator('header a[href$="/search/"]').first();
			const box = await link.boundingBox();
			expect(box).not.toBeNull();
			// What a click at the link's middle would hit is the link itself, not anything the post drew.
			const hit = await page.evaluate(
				({ x, y }) => document.elementFromPoint(x, y)?.closest('a')?.getAttribute('href') ?? null,
				{ x: box!.x + box!.width / 2, y: box!.y + box!.height / 2 }
			);
			expect(hit).toMatch(/\/search\/$/);
			await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
			await page.waitForURL(/\/search\//);
			expect(new URL(page.url()).origin).toBe(new URL(at(session.server, '/')).origin);
		} finally {
			await w.close();
		}
	});

	it('/posts/phu-trang/: nothing the post writes is painted outside the post’s body, formulas included', async () => {
		const w = await openPage(session.browser, desktop);
		try {
			await w.page.goto(at(session.server, '/posts/phu-trang/'));
			const overflow = await w.page.evaluate(() => {
				const prose = document.querySelector('.prose')!;
				const styles = [...prose.querySelectorAll('[style]')].map((e) => e.getAttribute('style'));
				return { clip: getComputedStyle(prose).overflow, styles, width: document.documentElement.scrollWidth };
			});
			expect(overflow.clip).toBe('clip');
			expect(overflow.styles.join(' ')).not.toMatch(/vw|vh|transform|position|margin-top|z-index|400000|100000/);
			expect(overflow.width).toBeLessThanOrEqual(1280);
		} finally {
			await w.close();
		}
	});

	it('/posts/sao-chep/: only the site’s code block has a copy button, and it copies what it shows', async () => {
		const w = await openPage(session.browser, { ...desktop, permissions: CLIPBOARD });
		const { page } = w;
		try {
			await page.goto(at(session.server, '/posts/sao-chep/'));
			// The site's script ran although the post names an iframe `querySelector` and a picture `getElementById`.
			await expect.poll(() => page.locator('.copy-code').count()).toBe(1);
			expect(await page.evaluate(() => typeof document.querySelector)).toBe('function');
			expect(await page.evaluate(() => typeof document.getElementById)).toBe('function');
			const button = page.locator('.copy-code');
			await button.click();
			await expect.poll(() => button.textContent()).toBe('Đã chép');
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('ls -la');
			// The hand-written box lost the site's classes: no button, no code-block look.
			expect(await page.locator('.prose > div:not(.code-block) pre').count()).toBe(2);
		} finally {
			await w.close();
		}
	});
});
