/**
 * `npm run bench`. Exits 0 whenever the measurements ran, targets met or not (the report says which
 * were missed); only a benchmark that could not run exits 1.
 */
// Every handler call logs one INFO line; tens of thousands of them would bury the report, and the
// log level has to be set before the first handler module creates its logger.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BenchOutput } from './output';

const { BENCH_USAGE, BenchUsageError, benchOutputFromArguments } = await import('./output');
const { repoRoot } = await import('../local/repo-root');
let output: BenchOutput;
try {
  output = benchOutputFromArguments(process.argv.slice(2), repoRoot);
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(`${error.message}\n${BENCH_USAGE}`);
  process.exit(2);
}

const { runBenchmark } = await import('./benchmark');
try {
  await runBenchmark(output);
  // Transfers run in a process of their own: one storage client per process, bound to one DynamoDB Local.
  execFileSync(
    process.execPath,
    [
      ...process.execArgv,
      join(import.meta.dirname, 'transfers', 'run-transfers.ts'),
      ...process.argv.slice(2),
    ],
    {
      stdio: 'inherit',
    },
  );
  process.exit(0);
} catch (error) {
  console.error('The benchmark could not run:', error);
  process.exit(1);
}
