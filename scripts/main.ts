/** The one "run as a command" test for scripts: true when this module is the file Node was started with. */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const real = (path: string) => {
	try {
		return realpathSync(path);
	} catch {
		return resolve(path);
	}
};

/**
 * `isMain(import.meta.url)`. Compares file paths, not URLs, so a project folder whose path has spaces or Vietnamese
 * letters (`Ghi chép`), which a `file://` URL percent-encodes, still counts.
 */
export function isMain(moduleUrl: string, argv1 = process.argv[1]): boolean {
	return Boolean(argv1) && real(fileURLToPath(moduleUrl)) === real(resolve(argv1));
}
