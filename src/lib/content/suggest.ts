/**
 * "Did you mean": the nearest real thing to a name an author wrote, for every "not found" message (a post's file
 * name, a heading id, a file beside the post). Pure.
 */

/** Edit distance (insertions, deletions, substitutions), or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
			best = Math.min(best, row[j]);
		}
		if (best > limit) return limit + 1;
		previous = row;
	}
	return previous[b.length];
}

/** How far a name may be from the one meant: a third of its length, at least 2 (`cristain` → `cristian`). */
const tolerance = (word: string) => Math.max(2, Math.floor(word.length / 3));

/** The candidate nearest to `word` within its tolerance (the first of equals), or undefined. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
	const limit = tolerance(word);
	let best: string | undefined;
	let bestScore = limit + 1;
	for (const candidate of candidates) {
		const score = editDistance(word, candidate, bestScore - 1);
		if (score < bestScore) [best, bestScore] = [candidate, score];
	}
	return best;
}

/** A heading id without the section number students give headings (`2-1-thuat-toan` → `thuat-toan`). */
const unnumbered = (id: string) => id.replace(/^(?:\d+-)+/, '');

/**
 * The id a `#heading` link most likely meant: the same words with the heading's number (`#thuat-toan-cristian` →
 * `#2-thuat-toan-cristian`) or without it, else the nearest id by spelling.
 */
export function suggestHeading(id: string, ids: Iterable<string>): string | undefined {
	const list = [...ids];
	const words = unnumbered(id.toLowerCase());
	const numbered = list.find((candidate) => unnumbered(candidate) === words);
	if (numbered) return numbered;
	const byWords = nearest(words, new Set(list.map(unnumbered)));
	return byWords === undefined ? nearest(id, list) : list.find((c) => unnumbered(c) === byWords);
}
