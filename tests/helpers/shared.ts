/**
 * The real posts beside the project (`../shared/seeds`, `../shared/corpus`): CI has them, a student's fork does not.
 * Tests that read them skip when the folder is absent, and say so once.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = resolve('../shared');
export const hasShared = existsSync(resolve(SHARED, 'seeds')) && existsSync(resolve(SHARED, 'corpus/posts'));

export const SHARED_NOTE = `note: ${SHARED} is absent, so the tests on the real seed and corpus posts are skipped (CI runs them)`;
