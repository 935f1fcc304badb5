/** Issue 25, point 4: KaTeX's "No character metrics" warning, printed with no file or line, is silenced where right. */
import katex from 'katex';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHarmlessKatexWarning, katexStrict, quietKatexMetrics } from '../../../src/lib/markdown/katex-strict';

describe('KaTeX warnings', () => {
	afterEach(() => vi.restoreAllMocks());

	it('knows the harmless one: a letter or mark without metrics', () => {
		expect(isHarmlessKatexWarning("No character metrics for 'ớ' in style 'Main-Regular' and mode 'text'")).toBe(true);
		expect(isHarmlessKatexWarning("No character metrics for '∯' in style 'Main-Regular' and mode 'math'")).toBe(false);
		expect(isHarmlessKatexWarning('something else')).toBe(false);
	});

	it('prints nothing for Vietnamese in \\text{…}, and lets other warnings through', () => {
		const spy = vi.fn();
		const original = console.warn;
		console.warn = spy;
		try {
			// The filter wraps the console.warn it finds: install it over the spy.
			delete (console as unknown as Record<symbol, unknown>)[Symbol.for('course-notes.katex-quiet')];
			quietKatexMetrics();
			const html = katex.renderToString('T_{\\text{mới}} = \\text{đồng hồ}', { strict: katexStrict });
			expect(html).toContain('ớ');
			console.warn('a warning of the site');
		} finally {
			console.warn = original;
		}
		expect(spy.mock.calls).toEqual([['a warning of the site']]);
	});
});
