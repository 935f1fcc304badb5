/**
 * PDFs of posts (issue 15, scripts/pdf.ts): the build with POST_PDF=1 prints every post and links each one to its PDF;
 * `writePdfs` prints the posts named; the text of a PDF is Vietnamese that can be selected, with the post's code and
 * pages numbered "Trang N/M". A small site of two fixture posts under a base path, built once for this file. The text
 * is read with poppler's pdftotext and pdfinfo (Debian's poppler-utils, installed by .ci/run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePdfs } from '../../scripts/pdf';
import { serveSite } from '../helpers/browser';
import { buildSmallSite, type SmallSite } from '../helpers/small-site';

const hasPoppler = spawnSync('which', ['pdftotext', 'pdfinfo']).status === 0;
let site: SmallSite;

beforeAll(async () => {
	site = await buildSmallSite('pdf', ['tests/fixtures/site/in-an.md', 'tests/fixtures/site/math.md'], {
		BASE_PATH: '/ghi-chep',
		SITE_URL: 'https://sv.github.io',
		POST_PDF: '1'
	});
	if (site.code !== 0) throw new Error(`the PDF test site did not build:\n${site.output.slice(-3000)}`);
});

afterAll(() => site?.remove());

/** Runs writePdfs and keeps what it printed. */
async function run(options: Parameters<typeof writePdfs>[0]) {
	const lines: string[] = [];
	const code = await writePdfs({ log: (l) => lines.push(l), error: (l) => lines.push(l), ...options });
	return { code, output: lines.join('\n') };
}

const run$ = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

describe('PDFs of posts', () => {
	it('are written by the build with POST_PDF=1, one per post, and each post links to its own', async () => {
		expect(readdirSync(join(site.dir, 'pdf')).sort()).toEqual(['in-an.pdf', 'math.pdf']);
		expect(site.output).toMatch(/build\/pdf\/in-an\.pdf {2}\d+\.\d kB/);
		expect(site.output).toMatch(/pdf: 2 file\(s\), [\d.]+ kB in [\d.]+ s\n/);
		const server = await serveSite(site);
		try {
			const html = await (await fetch(new URL('posts/in-an/', server.url))).text();
			expect(html).toContain('<a href="/ghi-chep/pdf/in-an.pdf" rel="external">Tải PDF</a>');
			const pdf = await fetch(new URL('pdf/in-an.pdf', server.url));
			expect(pdf.status).toBe(200);
			expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
		} finally {
			await server.close();
		}
	});

	it.skipIf(!hasPoppler)(
		'prints a post named by its file: selectable Vietnamese title, its code and numbered pages',
		async () => {
			rmSync(join(site.dir, 'pdf'), { recursive: true, force: true });
			const { code, output } = await run({ root: site.project, args: ['posts/in-an.md'] });
			expect(code, output).toBe(0);
			expect(readdirSync(join(site.dir, 'pdf'))).toEqual(['in-an.pdf']);
			expect(output).toMatch(/pdf: 1 file\(s\)/);

			const file = join(site.dir, 'pdf/in-an.pdf');
			expect(run$('pdfinfo', [file]).stdout).toMatch(/^Pages:\s+2$/m);
			expect(run$('pdfinfo', [file]).stdout).toMatch(/^Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)$/m);
			const text = run$('pdftotext', ['-layout', file, '-']).stdout.normalize('NFC');
			expect(text.split('\f').length - 1, 'pages in the extracted text').toBe(2);
			expect(text).toContain('Đồng hồ Lamport: bản in thử');
			expect(text).toContain('def nhan_thong_diep(dong_ho: int, t: int) -> int:');
			expect(text).toContain('Địa chỉ: https://sv.github.io/ghi-chep/posts/in-an/');
			expect(text).toContain('Nhóm 3 — HTPT');
			expect(text).toMatch(/Trang 1\/2[\s\S]*Trang 2\/2/);
			// What print.css hides stays off the page.
			for (const hidden of ['Tải PDF', 'Mục lục', 'Bỏ qua, đến nội dung chính', 'Bài mới hơn', 'Sao chép']) {
				expect(text).not.toContain(hidden);
			}
		}
	);

	it('`npm run pdf -- <file>` says which argument names no published post, and prints nothing', () => {
		const { NODE_ENV: _testEnv, ...env } = process.env;
		const cli = spawnSync('npm', ['run', 'pdf', '--', 'posts/khong-co.md'], {
			cwd: site.project,
			env: { ...env, BUILD_DIR: '', FORCE_COLOR: '0' },
			encoding: 'utf8'
		});
		expect(cli.status).toBe(1);
		expect(cli.stderr).toContain(
			'✖ posts/khong-co.md: expected a published post, saw none in the last build; check the file name, or run `npm run build` if the post is new'
		);
		expect(cli.stdout).toContain('pdf: no post to print in build/');
	});

	it('asks for a build when there is none, and for Chromium when it is missing', async () => {
		const empty = mkdtempSync(join(tmpdir(), 'no-build-'));
		try {
			const none = await run({ root: empty });
			expect(none.code).toBe(1);
			expect(none.output).toMatch(/build\/ not found: run `npm run build` first, then `npm run pdf`$/);
		} finally {
			rmSync(empty, { recursive: true, force: true });
		}
		const noChrome = await run({ root: site.project, chrome: '/khong/co/chromium' });
		expect(noChrome).toEqual({
			code: 1,
			output:
				'Chromium not found at /khong/co/chromium: install it with `sudo apt-get install -y chromium` or set CHROME_PATH'
		});
		expect(existsSync(join(site.dir, 'index.html'))).toBe(true);
	});
});
