import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classFile } from '../../../src/lib/env.js';
import { formatProblem } from '../../../src/lib/content/problems';
import { classFileValid, parseClassFile, readClassFile } from '../../../src/lib/sources/class-file';
import { tempDir } from './repos';

const parse = (text: string) => parseClassFile(text, '/srv/lop/lop.yaml', '/srv/lop');
const lines = (text: string) => parse(text).problems.map(formatProblem);

describe('the class file', () => {
	it('reads students with a stable ASCII slug each, unique in file order', () => {
		const file = parse(`students:
  - name: Nguyễn Văn A
    group: Nhóm 3
    repo: https://github.com/a/blog
    branch: master
  - name: Nguyen Van A.
    repo: git@github.com:b/blog.git
  - name: Trần Thị Bình
    repo: ../bai/binh
assignments:
  - title: Bài 1
    due: 2025-05-01
`);
		expect(file.problems).toEqual([]);
		expect(file.students.map((s) => [s.name, s.slug, s.kind, s.line])).toEqual([
			['Nguyễn Văn A', 'nguyen-van-a', 'https', 2],
			['Nguyen Van A.', 'nguyen-van-a-2', 'ssh', 6],
			['Trần Thị Bình', 'tran-thi-binh', 'local', 8]
		]);
		expect(file.students[0]).toMatchObject({ group: 'Nhóm 3', branch: 'master', lines: { repo: 4, branch: 5 } });
		expect(file.students[2].path).toBe('/srv/bai/binh');
		expect(file.assignments).toEqual([{ title: 'Bài 1', due: '2025-05-01' }]);
	});

	it('refuses by name a repo or branch that git would read as an option, or that holds a line break', () => {
		const problems = lines(`students:
  - name: An
    repo: "--upload-pack=touch /tmp/pwned"
  - name: Bình
    repo: https://github.com/b/blog
    branch: "--output=/tmp/x"
  - name: Chi
    repo: https://github.com/c/blog
    branch: "main\\nfoo"
  - name: Dũng
    repo: "https://github.com/d/blog\\n--upload-pack=x"
`);
		expect(problems).toEqual([
			expect.stringMatching(
				/^lop\.yaml:3 repo: expected .*, saw a value that starts with "-" \(git would read it as an option\): "--upload-pack=touch \/tmp\/pwned"; /
			),
			expect.stringMatching(
				/^lop\.yaml:6 branch: expected a branch name such as master, saw a value that starts with "-"/
			),
			expect.stringMatching(
				/^lop\.yaml:9 branch: expected a branch name such as master, saw a value that holds a line break: "main\\nfoo"/
			),
			expect.stringMatching(/^lop\.yaml:11 repo: expected .*, saw a value that holds a line break/)
		]);
		expect(parse('students:\n  - name: An\n    repo: "--upload-pack=x"\n').students).toEqual([]);
	});

	it('allows only https, ssh, git and local paths', () => {
		const problems = lines(`students:
  - { name: A, repo: "ext::sh -c touch% /tmp/pwned" }
  - { name: B, repo: "http://github.com/b/blog" }
  - { name: C, repo: "file:///srv/c" }
  - { name: D, repo: "ftp://example.com/d" }
  - { name: E, repo: "ssh://git@example.com/e.git" }
  - { name: F, repo: "git://example.com/f.git" }
  - { name: G, repo: "./g.bundle" }
  - { name: H, repo: "fd::17" }
`);
		expect(problems).toHaveLength(5);
		expect(problems[0]).toMatch(/lop\.yaml:2 repo: .*saw a git transport \("ext::"\), which runs a program/);
		expect(problems[1]).toMatch(
			/lop\.yaml:3 repo: .*saw an http:\/\/ address .*; write https:\/\/github\.com\/b\/blog/
		);
		expect(problems[2]).toMatch(
			/lop\.yaml:4 repo: .*saw a file:\/\/ address: "file:\/\/\/srv\/c"; write the path itself, e\.g\. \/srv\/c/
		);
		expect(problems[3]).toMatch(/lop\.yaml:5 repo: .*saw a ftp:\/\/ address/);
		expect(problems[4]).toMatch(/lop\.yaml:9 repo: .*"fd::"/);
	});

	it('names two students with the same name or the same repository, with the line of the first', () => {
		const problems = lines(`students:
  - name: Nguyễn Văn A
    repo: https://github.com/a/blog
  - name: nguyễn văn a
    repo: https://github.com/other/blog
  - name: Bình
    repo: git@GitHub.com:a/blog.git
`);
		expect(problems).toEqual([
			expect.stringMatching(
				/^lop\.yaml:4 name: expected a name no other student has, saw "nguyễn văn a" \(also on line 2\); /
			),
			expect.stringMatching(
				/^lop\.yaml:7 repo: expected a repository no other student has, saw "git@GitHub\.com:a\/blog\.git" \(also on line 3\); /
			)
		]);
	});

	it('reports every problem at once, each with its line, field, what was seen and a fix', () => {
		const file = parse(`students:
  - name: An
  - repo: https://github.com/b/blog
  - name: Chi
    repo: https://github.com/c/blog
    brnach: master
  - just a string
teacher: Thầy Hùng
`);
		expect(file.problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^lop\.yaml:2 repo: expected the repository, saw no "repo:"; add "repo: /),
			expect.stringMatching(/^lop\.yaml:3 name: expected the student's name, saw no "name:"; /),
			expect.stringMatching(/^lop\.yaml:6 brnach: expected one of name, group, repo, branch, saw "brnach"; /),
			expect.stringMatching(/^lop\.yaml:7 students: expected a student .*, saw "just a string"; /),
			expect.stringMatching(/^lop\.yaml:8 teacher: expected one of students, assignments, saw "teacher"; /)
		]);
		expect(file.students.map((s) => s.name)).toEqual(['Chi']);
		expect(classFileValid(file)).toBe(false);
	});

	it('names a YAML error and a file without students as errors of the whole file', () => {
		const broken = parse('students:\n  - name: "An\n    repo: x\n');
		expect(broken.problems[0]).toMatchObject({ severity: 'error', scope: 'site', field: 'class file' });
		expect(broken.problems[0].message).toMatch(/^expected valid YAML, saw a syntax error/);
		expect(lines('students: 3\n')).toEqual([
			expect.stringMatching(/^lop\.yaml:1 students: expected a list of students, saw 3; /)
		]);
		expect(lines('')[0]).toMatch(/expected "students:" followed by a list, saw an empty file/);
	});

	it('is read from lop.yaml, or from CLASS_FILE; without it there is no class, but a CLASS_FILE that names nothing is an error', () => {
		expect(classFile(undefined)).toBe('lop.yaml');
		expect(classFile(' lop-2025.yaml ')).toBe('lop-2025.yaml');
		const root = tempDir();
		expect(readClassFile(root, 'lop.yaml', false)).toBeUndefined();
		expect(readClassFile(root, 'lop-2025.yaml', true)?.problems[0].message).toMatch(
			/no file at that path \(CLASS_FILE\)/
		);
		mkdirSync(join(root, 'lop'));
		writeFileSync(join(root, 'lop/lop.yaml'), 'students:\n  - name: An\n    repo: ../bai/an\n');
		const file = readClassFile(root, 'lop/lop.yaml', true)!;
		expect(file.file).toBe('lop/lop.yaml');
		expect(file.students[0].path).toBe(join(root, 'bai/an'));
	});
});
