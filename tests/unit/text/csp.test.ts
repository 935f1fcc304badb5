/** The Content Security Policy allows the site's own inline scripts and nothing a page holds (issue 21.3). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { siteScripts } from '../../../src/lib/site/scripts';
import { contentSecurityPolicy, withContentSecurityPolicy } from '../../../src/lib/text/csp';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the Content Security Policy', () => {
	const scripts = siteScripts();

	it('lists the theme script of app.html and site-script.js, read from their source', () => {
		expect(scripts).toHaveLength(2);
		expect(scripts[0]).toContain("localStorage.getItem('theme')");
		expect(scripts[1]).toBe(readFileSync('src/lib/components/site-script.js', 'utf8'));
		const policy = contentSecurityPolicy({ scripts });
		for (const s of scripts) expect(policy).toContain(sha(s));
	});

	it('is the same for every page, whatever inline script a page holds', () => {
		const page = (body: string) =>
			`<html><head><meta charset="utf-8"></head><body>${body}<script>${scripts[1]}</script></body></html>`;
		const plain = withContentSecurityPolicy(page('<p>x</p>'), { scripts });
		const hostile = withContentSecurityPolicy(
			page('<script>alert(1)</script><a title="<script>">x</a><script>fetch("//evil")</script>'),
			{ scripts }
		);
		const policyOf = (html: string) => /content="([^"]*)"/.exec(html)?.[1];
		expect(policyOf(hostile)).toBe(policyOf(plain));
		expect(policyOf(hostile)).not.toContain(sha('alert(1)'));
		expect(policyOf(hostile)).not.toContain(sha('fetch("//evil")'));
	});

	it('allows WebAssembly on the search page only', () => {
		expect(contentSecurityPolicy({ scripts, wasm: true })).toContain("'wasm-unsafe-eval'");
		expect(contentSecurityPolicy({ scripts })).not.toContain('wasm');
	});
});
