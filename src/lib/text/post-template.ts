/**
 * The placeholder paragraphs `npm run new` writes into a new post (scripts/new-post.ts), kept here so that the render
 * can tell a post whose template was never edited (a warning until it is).
 */
export const TEMPLATE_PARAGRAPHS = {
	intro: 'Mở đầu: bài này nói về điều gì, trong một hai câu.',
	body: 'Viết ở đây. Mã nguồn đặt trong khối ```ngôn-ngữ … ```.',
	summary: 'Những ý chính cần nhớ.'
} as const;

/** The text a reader sees of each placeholder (the code span loses its backticks). */
const SHOWN = [
	TEMPLATE_PARAGRAPHS.intro,
	'Viết ở đây. Mã nguồn đặt trong khối ngôn-ngữ … .',
	TEMPLATE_PARAGRAPHS.summary
].map((s) => s.replace(/\s+/g, ' ').trim());

/** Whether the text of a paragraph (whitespace collapsed) is one of the template's placeholders, as written. */
export const isTemplateText = (text: string): boolean => SHOWN.includes(text.replace(/\s+/g, ' ').trim());
