/** Folds Vietnamese (and other Latin) letters to ASCII: NFC first, đ→d, then tone and vowel marks dropped. */
export function foldToAscii(input: string): string {
	return input
		.normalize('NFC')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.replace(/[ßẞ]/g, 'ss')
		.replace(/[æÆ]/g, 'ae')
		.replace(/[øØ]/g, 'o')
		.replace(/[łŁ]/g, 'l');
}

/**
 * ASCII slug: `Tiến trình và luồng (bản nháp 2)` → `tien-trinh-va-luong-ban-nhap-2`.
 * Text with no Latin letters or digits at all (e.g. only CJK or emoji) falls back to code points so it is never empty.
 */
export function slugify(input: string): string {
	const slug = foldToAscii(input)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		// Runs are single dashes by now; `-+$` would read a long run again from each of its dashes.
		.replace(/^-|-$/g, '');
	if (slug) return slug;
	const points = [...input.normalize('NFC').trim()]
		.filter((ch) => /[\p{L}\p{N}\p{S}]/u.test(ch))
		.map((ch) => 'u' + ch.codePointAt(0)!.toString(16));
	return points.length ? points.join('-') : '';
}

/** A slug for a post from its file name (extension dropped). */
export function slugFromFileName(fileName: string): string {
	return slugify(fileName.replace(/\.(md|markdown|svx)$/i, ''));
}

/** Hands out unique slugs on one page: `vi-du`, `vi-du-1`, `vi-du-2`. */
export function createSlugger(): (text: string) => string {
	const occurrences = new Map<string, number>();
	return (text: string) => {
		const base = slugify(text) || 'muc';
		let slug = base;
		while (occurrences.has(slug)) {
			const n = occurrences.get(base)! + 1;
			occurrences.set(base, n);
			slug = `${base}-${n}`;
		}
		occurrences.set(slug, 0);
		return slug;
	};
}
