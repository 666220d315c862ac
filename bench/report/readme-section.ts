import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { costTotalsTable, hotUserComparisonTable, latencyTable, targetsTable } from './markdown-report';
import type { BenchResults } from './results-document';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/**
 * The figures a reader of the README asks for: targets, the hot-user comparison, the latency chart
 * and table, and the cost per 1,000 operations; the rest is one link away in bench/results.md. Links are relative to the repository root.
 */
export function readmeSection(results: BenchResults): string {
  const meta = results.metadata;
  const hot = results.hotUser;
  return [
    README_START,
    `Measured by \`npm run bench\` on ${meta.finishedAt.slice(0, 10)} (Node ${meta.node}, ${meta.cpuCount} CPUs), in one process run against one in-memory DynamoDB Local. Full figures, latency chart and cost per 1,000 operations: [bench/results.md](bench/results.md).`,
    '',
    ...targetsTable(results.targets),
    '',
    `Hot user (one account funded with ${hot.load.fundedWith}, ${hot.load.startRps} → ${hot.load.endRps} arrivals per second over ${hot.load.seconds} s), every reading next to the figures another trading system published for the same load. ${hot.interpretation}`,
    '',
    ...hotUserComparisonTable(results),
    '',
    '![p50, p95 and p99 latency per operation, with the floor and the baseline](bench/latency.svg)',
    '',
    'Latency in milliseconds:',
    '',
    ...latencyTable(results),
    '',
    `Cost per 1,000 operations in AWS (USD, ${results.cost.region} on-demand prices recorded on ${results.cost.pricesRecordedOn} in [bench/aws-pricing.json](bench/aws-pricing.json)):`,
    '',
    ...costTotalsTable(results),
    README_END,
  ].join('\n');
}

/** The README with the section between the markers replaced, or undefined when a marker is missing. */
export function spliceReadme(readme: string, section: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start) + section + readme.slice(end + README_END.length);
}

/**
 * README.md belongs to someone else: the benchmark only rewrites what lies between its markers.
 * Without the README or its markers, the section goes to bench/README-section.md for them to paste.
 */
export function publishReadmeSection(repoRoot: string, section: string): string {
  const readmePath = join(repoRoot, 'README.md');
  const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
  const spliced = readme === undefined ? undefined : spliceReadme(readme, section);
  if (spliced !== undefined) {
    if (spliced !== readme) writeFileSync(readmePath, spliced);
    return 'README.md';
  }
  const fallback = join(repoRoot, 'bench', 'README-section.md');
  writeFileSync(fallback, `${section}\n`);
  return 'bench/README-section.md';
}
