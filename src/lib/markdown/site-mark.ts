/**
 * Which markup of a post the site wrote itself. The highlighter marks each code block it writes with a value no post
 * can know (random in each process); the render keeps the classes the site's script acts on (a copy button on every
 * `.code-block`) only on marked elements, then removes the mark. A hand-written `<div class="code-block">` is left
 * without them, so the copy button only ever sits on the site's own code blocks.
 */
import { randomUUID } from 'node:crypto';

export const SITE_MARK_ATTRIBUTE = 'data-course-notes-site';
const MARK = randomUUID();

/** The attribute that marks an element as the site's own, as written in HTML. */
export const siteMark = ` ${SITE_MARK_ATTRIBUTE}="${MARK}"`;

/** Whether an element's (hast) properties carry this process's mark. */
export const isMarked = (properties: Record<string, unknown>) => properties.dataCourseNotesSite === MARK;

/** The classes the site's script gives behaviour to: only the site's own elements may carry them. */
export const SITE_CLASSES = new Set(['code-block', 'code-lang', 'copy-code', 'has-copy', 'toc', 'nav-menu']);

/** HTML with the marks removed (for a post whose HTML is all the site's own: no raw HTML of the author's). */
export const removeMarks = (html: string) => html.replaceAll(siteMark, '');
