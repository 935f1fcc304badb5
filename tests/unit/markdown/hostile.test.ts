import { describe, expect, it } from 'vitest';
import { renderMarkdown, textOf } from '../../helpers/render';

/** Text students really write that trips Markdown-to-Svelte pipelines: every case must compile and keep its words. */
describe('hostile posts still render', () => {
	it.each([
		[
			'a second <script> in the middle',
			"<script>\n\timport Callout from '$lib/components/Callout.svelte';\n</script>\n\nA.\n\n<script>alert(1)</script>\n\nB.",
			['A.', 'B.']
		],
		['an empty body', '', []],
		['an unclosed {@html', 'Mở {@html "<b>" và hết.', ['Mở {@html', 'và hết.']],
		['an unclosed HTML comment', 'Trước.\n\n<!-- không đóng\n\nSau.', ['Trước.']],
		['a <div> never closed', 'Trước.\n\n<div class="x">\n\nTrong.', ['Trước.', 'Trong.']],
		['</script> in prose', 'Viết </script> trong câu.', ['trong câu.']],
		['entities for braces', 'Dấu &#123;x&#125; và &lbrace;y&rbrace;.', ['{x}', '{y}']],
		['a trailing backslash', 'Cuối dòng \\', ['Cuối dòng']],
		['a <style> block', '<style>\n\tp { color: red; }\n</style>\n\nĐỏ.', ['Đỏ.']],
		['a <textarea> with braces', '<textarea>{x} <y></textarea>', []],
		[
			'Svelte special tags',
			'<svelte:head><title>x</title></svelte:head>\n\n<svelte:window on:keydown={f} />\n\nChữ.',
			['Chữ.']
		],
		['a component that is not imported', '<Foo bar={1}>x</Foo> và <MyComponent />', ['x']],
		['deeply nested lists and quotes', '> - a\n>   - b {c}\n>     > d <e>', ['b {c}', 'd <e>']],
		['a link with a Svelte-looking URL', '[x]({url}) và <{url}>', ['x']],
		['a table with HTML and pipes', '| a | b |\n|---|---|\n| <b>x</b> | `a\\|b` {c} |', ['x', '{c}']]
	])('%s', async (_name, markdown, words) => {
		const { html } = await renderMarkdown(markdown);
		const text = textOf(html);
		for (const w of words) expect(text).toContain(w);
	});
});
