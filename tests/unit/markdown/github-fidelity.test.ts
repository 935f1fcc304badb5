/**
 * Issue 25, point 7: Markdown as GitHub shows it, with the URLs compared (the spec tests compare what a reader sees,
 * without attributes). CommonMark 0.31.2 examples 204 (the first of two definitions wins) and 597 (an autolink's
 * scheme is case-insensitive), through the whole pipeline and the sanitiser.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../helpers/render';

const spec = createRequire(import.meta.url)('commonmark-spec').tests as { number: number; markdown: string }[];
const example = (n: number) => spec.find((e) => e.number === n)!.markdown;
const hrefs = (html: string) => [...html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)].map((m) => m[1]);

describe('link reference definitions', () => {
	it('use the first of two definitions of one label (spec example 204)', async () => {
		expect(example(204)).toBe('[foo]\n\n[foo]: first\n[foo]: second\n');
		expect(hrefs((await renderMarkdown(example(204))).html)).toEqual(['first']);
	});

	it('use the first definition also when the second sits in a quote or differs in case', async () => {
		const { html } = await renderMarkdown('[Foo] [bar]\n\n[foo]: /a\n\n> [FOO]: /b\n\n[bar]: /c\n[BAR]: /d\n');
		expect(hrefs(html)).toEqual(['/a', '/c']);
	});
});

describe('schemes in any letter case', () => {
	it('keep the link of <MAILTO:…> (spec example 597), shown as written', async () => {
		expect(example(597)).toBe('<MAILTO:FOO@BAR.BAZ>\n');
		const { html } = await renderMarkdown(example(597));
		expect(hrefs(html)).toEqual(['mailto:FOO@BAR.BAZ']);
		expect(html).toContain('>MAILTO:FOO@BAR.BAZ</a>');
	});

	it('keep <HTTPS://…>, [text](HTTP://…) and a reference to Https://…', async () => {
		const { html } = await renderMarkdown(
			'<HTTPS://example.com/A>\n\n[a](HTTP://example.org) [b][r]\n\n[r]: Https://x.org/\n'
		);
		expect(hrefs(html)).toEqual(['https://example.com/A', 'http://example.org', 'https://x.org/']);
	});

	it('still refuses javascript: in any case', async () => {
		const { html } = await renderMarkdown('[x](JavaScript:alert(1)) <JAVASCRIPT:alert(1)>\n');
		expect(html).not.toMatch(/href="javascript/i);
	});
});
