import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BenchFiles,
  BenchUsageError,
  benchOutputFromArguments,
  writeBenchFiles,
} from '../../../bench/output';
import { README_END, README_START } from '../../../bench/report/readme-section';
import { repoRoot } from '../../../local/repo-root';

const files: BenchFiles = {
  resultsJson: '{"run":"new"}\n',
  resultsMarkdown: '# new results\n',
  latencySvg: '<svg xmlns="http://www.w3.org/2000/svg"/>',
  readmeSection: `${README_START}\nnew figures\n${README_END}`,
};
const PUBLISHED = ['README.md', 'bench/results.json', 'bench/results.md', 'bench/latency.svg'];

const temporary: string[] = [];
afterEach(() => {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'lockstep-bench-output-'));
  temporary.push(folder);
  return folder;
}
const contents = (root: string) => PUBLISHED.map((path) => readFileSync(join(root, path), 'utf8'));

describe('npm run bench arguments', () => {
  it('write to bench/out/ and publish nothing by default', () => {
    expect(benchOutputFromArguments([], '/repo')).toEqual({ publish: false, outDir: '/repo/bench/out' });
  });

  it('take --out and --publish', () => {
    expect(benchOutputFromArguments(['--publish', '--out', '/tmp/run-1'], '/repo')).toEqual({
      publish: true,
      outDir: '/tmp/run-1',
    });
  });

  it.each([[['--out']], [['--out', '--publish']], [['--readme']]])('refuse %j', (args) => {
    expect(() => benchOutputFromArguments(args, '/repo')).toThrow(BenchUsageError);
  });

  it('bench/out/ is ignored by git', () => {
    const ignored = execFileSync('git', ['check-ignore', 'bench/out/results.json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(ignored.trim()).toBe('bench/out/results.json');
  });
});

describe('what a benchmark run writes', () => {
  it('without --publish: its own folder only, and the checkout stays as it was', () => {
    const gitStatus = () =>
      execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' });
    const statusBefore = gitStatus();
    const publishedBefore = contents(repoRoot);
    const outDir = join(temporaryFolder(), 'run');

    writeBenchFiles(files, { publish: false, outDir }, repoRoot);

    expect(readFileSync(join(outDir, 'results.json'), 'utf8')).toBe(files.resultsJson);
    expect(readFileSync(join(outDir, 'results.md'), 'utf8')).toBe(files.resultsMarkdown);
    expect(readFileSync(join(outDir, 'latency.svg'), 'utf8')).toBe(files.latencySvg);
    expect(readFileSync(join(outDir, 'README-section.md'), 'utf8')).toBe(`${files.readmeSection}\n`);
    expect(contents(repoRoot)).toEqual(publishedBefore);
    expect(gitStatus()).toBe(statusBefore);
  });

  it('with --publish: also over the published files and the README section', () => {
    const root = temporaryFolder();
    mkdirSync(join(root, 'bench'));
    for (const path of PUBLISHED) cpSync(join(repoRoot, path), join(root, path));
    const outDir = join(root, 'bench', 'out');

    writeBenchFiles(files, { publish: true, outDir }, root);

    const [readme, json, markdown, svg] = contents(root);
    expect(readme).toContain(`${README_START}\nnew figures\n${README_END}`);
    expect(readme?.split(README_START)[0]).toBe(
      readFileSync(join(repoRoot, 'README.md'), 'utf8').split(README_START)[0],
    );
    expect([json, markdown, svg]).toEqual([files.resultsJson, files.resultsMarkdown, files.latencySvg]);
    expect(readFileSync(join(outDir, 'results.json'), 'utf8')).toBe(files.resultsJson);
  });
});
