/**
 * Math with remark-math 3 (the version that works with mdsvex's remark) plus one guard: a `$` directly after a letter
 * or digit never opens a formula, so prices such as `Giá 5$ và 10$` stay text while `$\frac{a}{b}$` is math; and
 * `${NAME}` is a shell variable, not a formula.
 */
import remarkMath from 'remark-math';

type Tokenizer = ((this: ParserThis, eat: Eat, value: string, silent?: boolean) => unknown) & { locator?: unknown };
type Eat = { now(): { offset?: number } };
type ParserThis = { file?: { contents?: unknown } };

function remarkMathGuard(this: { Parser: { prototype: { inlineTokenizers: Record<string, Tokenizer> } } }) {
	const proto = this.Parser.prototype;
	const original = proto.inlineTokenizers.math;
	if (!original) return;
	const guarded: Tokenizer = function (this: ParserThis, eat, value, silent) {
		if (value.startsWith('$')) {
			const offset = eat.now().offset;
			const source = String(this.file?.contents ?? '');
			const previous = offset ? source[offset - 1] : undefined;
			if (previous && /[\p{L}\p{N}]/u.test(previous)) return;
			// `${HOME}`, `${PORT:-80}`: shell and template variables, not formulas.
			if (/^\$\{[A-Za-z_][\w]*(?:[:#%/^,@!?+=-][^}\n]*)?\}/.test(value)) return;
		}
		return original.call(this, eat, value, silent);
	};
	guarded.locator = original.locator;
	proto.inlineTokenizers.math = guarded;
}

export const remarkMathPlugins = [remarkMath, remarkMathGuard];
