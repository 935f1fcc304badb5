/**
 * What a page shows of the site besides its own body, in one place: the post page's route reads it, and the build's
 * plan hashes it to decide which pages must be made again (src/lib/build/plan.ts).
 */
import { seriesPlace } from './course.ts';
import { neighbours, type PostEntry } from './model.ts';

/** A post's entry and its place among the others: in its series, else the newer and older post. */
export function postContext(posts: PostEntry[], slug: string) {
	const post = posts.find((p) => p.slug === slug);
	// A post in a series links to the posts before and after it in the series; others to newer and older posts.
	const series = seriesPlace(posts, slug);
	return { post, series, ...(series ? {} : neighbours(posts, slug)) };
}
