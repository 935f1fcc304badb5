/** The site's settings: edit these for your course. URLs and paths come from the environment (see README). */
import { postPdf, postTrust } from './env.js';

export const site = {
	title: 'Ghi chép Hệ thống phân tán',
	shortTitle: 'Ghi chép HTPT',
	description: 'Bài tập và ghi chép môn Hệ thống phân tán, viết bằng Markdown.',
	author: 'Sinh viên môn Hệ thống phân tán',
	lang: 'vi',
	locale: 'vi_VN',
	postsPerPage: 10,
	/**
	 * What a post may do. `content` (safe for a class site): posts are Markdown and HTML that can use the site's
	 * components, and cannot run code. `author` (a site of one trusted author): posts are full Svelte, their scripts
	 * run at build time with the build's rights. `POST_TRUST` in the environment overrides this.
	 */
	trust: 'content' as 'content' | 'author',
	/**
	 * `true`: the build also prints every post to `build/pdf/<slug>.pdf` with Chromium (as `npm run pdf` does) and each
	 * post links to its PDF ("Tải PDF"). Off by default: it needs Chromium and adds about a second per post.
	 * `POST_PDF=1` (or `0`) in the environment overrides this.
	 */
	pdf: false as boolean,
	/**
	 * `true`: the build also writes `/blog/<slug>/` for every post, the address the SvelteKit blog starter gave it: a
	 * small page that sends the reader on to `/posts/<slug>/` at once (with a link, `noindex`, canonical to the post),
	 * so links to a site moved from the starter keep working. In no sitemap, feed or search. Off by default.
	 */
	starterRedirects: false as boolean,
	nav: [
		{ label: 'Bài viết', path: '/' },
		{ label: 'Mục lục', path: '/muc-luc/' },
		{ label: 'Chủ đề', path: '/categories/' },
		{ label: 'Tìm kiếm', path: '/search/' }
	]
} as const;

/** What a post may do: `POST_TRUST` in the environment, else `site.trust` (the one reader of the setting). */
export const trustSetting = (): 'content' | 'author' => postTrust() ?? site.trust;

/** Whether the build prints every post to PDF: `POST_PDF` in the environment, else `site.pdf`. */
export const pdfEnabled = (): boolean => postPdf() ?? site.pdf;

/** Whether the build writes redirect pages at the blog starter's old addresses: `site.starterRedirects`. */
export const starterRedirects = (): boolean => site.starterRedirects;
