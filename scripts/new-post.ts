/** `npm run new -- "Tiến trình và luồng"`: creates posts/tien-trinh-va-luong.md with its frontmatter filled in. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { postsDir } from '../src/lib/env.js';
import { slugify } from '../src/lib/text/slug';
import { TEMPLATE_PARAGRAPHS } from '../src/lib/text/post-template';
import { isMain } from './main';

/** Today as YYYY-MM-DD in the author's own time zone. */
export function today(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The text of a new post; its placeholder paragraphs are a warning until they are replaced (post-template.ts). */
export function postTemplate(title: string, date: string): string {
	return `---
title: ${JSON.stringify(title)}
date: ${date}
updated: ${date}
categories: []
excerpt: ""
# coverImage: /images/ten-anh.png
# coverWidth: 1200
# coverHeight: 630
---

${TEMPLATE_PARAGRAPHS.intro}

## Nội dung chính

${TEMPLATE_PARAGRAPHS.body}

## Tổng kết

${TEMPLATE_PARAGRAPHS.summary}
`;
}

/** Creates the post file; refuses to overwrite one. Returns its path. */
export function createPost(title: string, dir: string): string {
	const slug = slugify(title);
	if (!slug) throw new Error('the title has no letters or digits to make a file name from');
	const file = join(dir, `${slug}.md`);
	if (existsSync(file)) throw new Error(`${file} already exists; choose another title or edit that post`);
	mkdirSync(dir, { recursive: true });
	writeFileSync(file, postTemplate(title.trim(), today()), { flag: 'wx' });
	return file;
}

if (isMain(import.meta.url)) {
	const title = process.argv.slice(2).join(' ').trim();
	if (!title) {
		console.error('Usage: npm run new -- "Tiêu đề bài viết"');
		process.exit(2);
	}
	try {
		const file = createPost(title, resolve(postsDir()));
		console.log(`Created ${relative(process.cwd(), file)}. Write your post, then run npm run check:posts.`);
	} catch (error) {
		console.error(`npm run new: ${(error as Error).message}`);
		process.exit(1);
	}
}
