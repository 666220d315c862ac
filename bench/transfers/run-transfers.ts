/**
 * The transfer benchmark: round trips of one transfer and the hot payee, in a process of its own
 * (the storage client is one per process, bound to one DynamoDB Local). `npm run bench` runs it after
 * the main benchmark; `npx tsx bench/transfers/run-transfers.ts` runs it alone.
 */
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

export {};

const { runTransferBenchmark } = await import('./transfer-benchmark');
const { benchOutputFromArguments } = await import('../output');
const { repoRoot } = await import('../../local/repo-root');
try {
  await runTransferBenchmark(benchOutputFromArguments(process.argv.slice(2), repoRoot));
  process.exit(0);
} catch (error) {
  console.error('The transfer benchmark could not run:', error);
  process.exit(1);
}
