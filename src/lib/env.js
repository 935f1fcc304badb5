// Settings that come from the environment. Plain JavaScript because svelte.config.js (run by Node as it is) reads it
// too; the TypeScript side imports the same functions, so base-path rules live in one place.

/** `BASE_PATH=/my-notes/` → `/my-notes`; unset or `/` → ''. @returns {string} */
export function basePath(raw = process.env.BASE_PATH) {
	const trimmed = (raw ?? '').trim().replace(/(?<!\/)\/+$/, '');
	if (!trimmed) return '';
	return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Public origin of the site, without trailing slash (feeds, canonical URLs, sitemap). @returns {string} */
export function siteUrl(raw = process.env.SITE_URL) {
	return (raw ?? '').trim().replace(/(?<!\/)\/+$/, '') || 'http://localhost:4173';
}

/** Folder of the Markdown posts, relative to the project root unless absolute. @returns {string} */
export function postsDir(raw = process.env.POSTS_DIR) {
	return (raw ?? '').trim() || 'posts';
}

/**
 * The class file listing every student's repository (a class site), relative to the project root unless absolute:
 * `CLASS_FILE=lop-2025.yaml`; unset → `lop.yaml`. Without that file the site is built from the posts folder alone.
 * @returns {string}
 */
export function classFile(raw = process.env.CLASS_FILE) {
	return (raw ?? '').trim() || 'lop.yaml';
}

/** `CONTENT_ERRORS=warn` turns content errors into warnings and leaves those posts out. @returns {'error' | 'warn'} */
export function contentErrorsMode(raw = process.env.CONTENT_ERRORS) {
	return (raw ?? '').trim().toLowerCase() === 'warn' ? 'warn' : 'error';
}

/**
 * `CONTENT_WARNINGS=error` makes warnings fail the build and `check:posts` (a class's CI that wants clean posts), as
 * `check:posts --strict` does. @returns {'error' | 'warn'}
 */
export function contentWarningsMode(raw = process.env.CONTENT_WARNINGS) {
	return (raw ?? '').trim().toLowerCase() === 'error' ? 'error' : 'warn';
}

/** Where the static site is written (tests and the benchmark build into their own folders). @returns {string} */
export function buildDir(raw = process.env.BUILD_DIR) {
	return (raw ?? '').trim() || 'build';
}

/** `POST_TRUST=author` or `content` overrides the trust setting of src/lib/config.ts. @returns {'content' | 'author' | undefined} */
export function postTrust(raw = process.env.POST_TRUST) {
	const value = (raw ?? '').trim().toLowerCase();
	return value === 'author' || value === 'content' ? value : undefined;
}

/** `POST_PDF=1` (or `0`) overrides the pdf setting of src/lib/config.ts. @returns {boolean | undefined} */
export function postPdf(raw = process.env.POST_PDF) {
	const value = (raw ?? '').trim().toLowerCase();
	if (['1', 'true', 'yes', 'on'].includes(value)) return true;
	if (['0', 'false', 'no', 'off'].includes(value)) return false;
	return undefined;
}
