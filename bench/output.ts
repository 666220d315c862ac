import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { publishReadmeSection } from './report/readme-section';

/** Where a run's figures go; the published ones change only when someone asks for it. */
export interface BenchOutput {
  /** Also rewrite bench/results.*, bench/latency.svg and the README section. */
  readonly publish: boolean;
  /** Every run writes its full set of files here. */
  readonly outDir: string;
}

export const DEFAULT_OUT_DIR = join('bench', 'out');

export const BENCH_USAGE = `Usage: npm run bench [-- --out <folder>] [-- --publish]
  --out      where this run's results go (default ${DEFAULT_OUT_DIR}/, which git ignores)
  --publish  also rewrite bench/results.json, bench/results.md, bench/latency.svg and the README's
             figures: for a run on a quiet machine whose figures should replace the published ones`;

export class BenchUsageError extends Error {}

export function benchOutputFromArguments(args: readonly string[], repoRoot: string): BenchOutput {
  let publish = false;
  let outDir = join(repoRoot, DEFAULT_OUT_DIR);
  for (let index = 0; index < args.length; index += 1) {
    const argument = args[index];
    if (argument === '--publish') {
      publish = true;
    } else if (argument === '--out') {
      const folder = args[index + 1];
      if (folder === undefined || folder.startsWith('--')) throw new BenchUsageError('--out needs a folder.');
      outDir = isAbsolute(folder) ? folder : resolve(folder);
      index += 1;
    } else {
      throw new BenchUsageError(`Unknown argument "${argument}".`);
    }
  }
  return { publish, outDir };
}

/** One run's documents, already rendered. */
export interface BenchFiles {
  readonly resultsJson: string;
  readonly resultsMarkdown: string;
  readonly latencySvg: string;
  readonly readmeSection: string;
}

/** Writes the run's files to its folder and, with `publish`, over the published ones. Returns what it wrote. */
export function writeBenchFiles(files: BenchFiles, output: BenchOutput, repoRoot: string): string[] {
  const written = [writeSet(files, output.outDir, repoRoot)];
  writeFileSync(join(output.outDir, 'README-section.md'), `${files.readmeSection}\n`);
  if (output.publish) {
    written.push(writeSet(files, join(repoRoot, 'bench'), repoRoot));
    written.push(publishReadmeSection(repoRoot, files.readmeSection));
  }
  return written;
}

function writeSet(files: BenchFiles, folder: string, repoRoot: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.json'), files.resultsJson);
  writeFileSync(join(folder, 'results.md'), files.resultsMarkdown);
  writeFileSync(join(folder, 'latency.svg'), files.latencySvg);
  const shown = relative(repoRoot, folder);
  return `${shown.startsWith('..') || shown === '' ? folder : shown}/results.{json,md} and latency.svg`;
}
