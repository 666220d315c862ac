import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awaitQuiescence, probeOrders, readFinalState } from './api-reader';
import { checkInvariants } from './check-invariants';
import { executeAll, executeOperation, type ExecutionContext } from './execute-operations';
import { type Operation, resolutionOf } from './history';
import { passed } from './invariant';
import { killSchedule } from './kill-schedule';
import { type LocalServer, startLocalServer } from './local-server';
import type { CheckOptions } from './options';
import { createProgress } from './progress';
import { formatReport } from './report';
import type { RetryBounds } from './retry-policy';
import { countAttempts } from './run-figures';
import { deriveSeed, seededRandom } from './seeded-random';
import { tokenSource } from './token-source';
import { planWorkload } from './workload';

/** Long enough to ride out a restart and a 30 s order lease; short enough that a dead server ends the run. */
const BOUNDS_WITH_SERVER_FAULTS: RetryBounds = { maxAttempts: 600, maxMs: 180_000 };
const BOUNDS_PLAIN: RetryBounds = { maxAttempts: 300, maxMs: 60_000 };
/** The contract resolves a crashed order within 2 minutes; a little more for the last reaper pass. */
const QUIESCENCE_WITH_SERVER_FAULTS_MS = 150_000;
const QUIESCENCE_PLAIN_MS = 30_000;

export interface CheckOutcome {
  readonly ok: boolean;
  readonly report: string;
}

/** Kept reachable for the signal and exit handlers of run.ts, which must stop the server whatever happens. */
export const activeServer: { current?: LocalServer } = {};

export async function runCheck(options: CheckOptions, argv: readonly string[]): Promise<CheckOutcome> {
  const workDir = mkdtempSync(join(tmpdir(), 'lockstep-check-'));
  const dataDir = join(workDir, 'data');
  const serverFaults = options.kill || options.inject;
  const server =
    options.baseUrl === undefined
      ? await startLocalServer({
          dataDir,
          logFile: join(workDir, 'server.log'),
          ...(options.inject ? { faults: `rate=${options.faultRate},seed=${options.seed}` } : {}),
        })
      : undefined;
  activeServer.current = server;
  const baseUrl = options.baseUrl ?? server?.url ?? '';
  const tokenFor = tokenSource(options.tokensCommand);
  const runTag = `${options.seed.toString(36)}-${Date.now().toString(36)}`;
  const userIds = Array.from({ length: options.users }, (_, index) => `check-${runTag}-u${index}`);
  const reader = { baseUrl, tokenFor, requestTimeoutMs: options.requestTimeoutMs };

  const probe = await probeOrders(reader, `check-${runTag}-probe`);
  const workload = planWorkload(options.seed, options.users, options.ops, probe.ok);
  const context: ExecutionContext = {
    baseUrl,
    userIds,
    tokenFor,
    keyPrefix: `check-${runTag}`,
    seed: options.seed,
    requestTimeoutMs: options.requestTimeoutMs,
    abort: options.abort,
    bounds: serverFaults ? BOUNDS_WITH_SERVER_FAULTS : BOUNDS_PLAIN,
  };

  // Funding first, so every user starts with money, then the concurrent random load.
  const funding = await executeAll(context, workload.funding, 0, options.concurrency, () => {});
  const kills = server && options.kill ? killSchedule(server, workload.load.length, options.short ? [0.4] : [0.3, 0.65]) : undefined;
  const progress = createProgress();
  const live = { done: 0, retries: 0, serverErrors: 0 };
  const figuresNow = () => ({ ...live, total: workload.load.length, note: kills && kills.kills.length > 0 ? `${kills.kills.length} kill(s)` : undefined });
  const loadStarted = Date.now();
  const load = await executeAll(context, workload.load, workload.funding.length, options.concurrency, (operation) => {
    live.done++;
    live.retries += operation.attempts.length - 1;
    live.serverErrors += operation.attempts.filter((attempt) => (attempt.status ?? 0) >= 500).length;
    progress.update(figuresNow());
    kills?.onProgress(live.done);
  });
  const loadMs = Date.now() - loadStarted;
  progress.finish(figuresNow());
  await kills?.settled();

  const operations: Operation[] = [...funding, ...load];
  // A key that ran out of retries gets one more round: a replay tells what it did, or it runs now.
  const late = operations.filter((operation) => resolutionOf(operation) === 'indeterminate');
  await Promise.all(late.map((operation) => executeOperation(context, operation, seededRandom(deriveSeed(options.seed, 4, operation.id)))));
  const resolvedLate = late.filter((operation) => resolutionOf(operation) !== 'indeterminate').length;

  const quiescence = await awaitQuiescence(reader, userIds, serverFaults ? QUIESCENCE_WITH_SERVER_FAULTS_MS : QUIESCENCE_PLAIN_MS);
  const finalStates = await Promise.all(userIds.map((userId) => readFinalState(reader, userId)));
  const results = checkInvariants({ operations, userIds, finalStates, serverFaults });

  let leftoverProcesses: boolean | undefined;
  if (server) {
    await server.stop();
    leftoverProcesses = server.groupAlive();
    if (leftoverProcesses) server.killNow();
  }
  activeServer.current = undefined;

  const historyFile = options.historyFile ?? join(workDir, 'history.jsonl');
  writeFileSync(historyFile, `${operations.map((operation) => JSON.stringify(operation)).join('\n')}\n`);
  const finalStateFile = join(workDir, 'final-state.json');
  writeFileSync(finalStateFile, JSON.stringify({ userIds, finalStates }, null, 2));
  const ok = results.every(passed) && leftoverProcesses !== true;
  // The data folder is only worth its size when something is to be examined.
  if (ok) rmSync(dataDir, { recursive: true, force: true });

  const mode = [options.short ? 'short' : 'full', options.abort && 'abort', options.kill && 'kill', options.inject && 'inject']
    .filter(Boolean)
    .join(' + ');
  const report = formatReport(
    {
      mode: mode === 'short' || mode === 'full' ? `${mode}, no faults` : mode,
      seed: options.seed,
      target: options.baseUrl ?? `a local server of our own (${baseUrl})`,
      users: options.users,
      concurrency: options.concurrency,
      ops: options.ops,
      orders: probe.ok ? { included: true } : { included: false, reason: probe.reason },
      loadMs,
      figures: countAttempts(load),
      kills: kills?.kills ?? [],
      faults: options.inject ? (server?.faultCounts ?? new Map()) : undefined,
      resolvedLate,
      quiescence,
      leftoverProcesses,
      files: [
        ['history', historyFile],
        ['final state', finalStateFile],
        ...(server ? ([['server log', join(workDir, 'server.log')]] as const) : []),
      ],
      reproduce: `npm run check -- ${[...argv.filter((argument, index) => !isSeedArgument(argv, index)), '--seed', String(options.seed)].join(' ')}`,
    },
    results,
    operations,
  );
  return { ok, report };
}

function isSeedArgument(argv: readonly string[], index: number): boolean {
  const argument = argv[index] ?? '';
  return argument.startsWith('--seed') || argv[index - 1] === '--seed';
}
