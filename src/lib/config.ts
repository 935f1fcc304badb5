/** The site's settings: edit these for your course. URLs and paths come from the environment (see README). */
export const site = {
	title: 'Ghi chép Hệ thống phân tán',
	shortTitle: 'Ghi chép HTPT',
	description: 'Bài tập và ghi chép môn Hệ thống phân tán, viết bằng Markdown.',
	author: 'Sinh viên môn Hệ thống phân tán',
	lang: 'vi',
	locale: 'vi_VN',
	postsPerPage: 10,
	nav: [
		{ label: 'Bài viết', path: '/' },
		{ label: 'Chủ đề', path: '/categories/' },
		{ label: 'Tìm kiếm', path: '/search/' }
	]
} as const;
