import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeOrders, readSettledStates } from './api-reader';
import { checkInvariants } from './check-invariants';
import type { ExecutionContext } from './execute-operations';
import { passed } from './invariant';
import { type LocalServer, startLocalServer } from './local-server';
import type { CheckOptions } from './options';
import { formatReport } from './report';
import type { RetryBounds } from './retry-policy';
import { countAttempts } from './run-figures';
import { runWorkload } from './run-workload';
import { stillInFlight } from './settled';
import { tokenSource } from './token-source';
import { planWorkload, type WorkloadKind } from './workload';

/** Long enough to ride out a restart and a 30 s order lease; short enough that a dead server ends the run. */
const BOUNDS_WITH_SERVER_FAULTS: RetryBounds = { maxAttempts: 600, maxMs: 180_000 };
const BOUNDS_PLAIN: RetryBounds = { maxAttempts: 300, maxMs: 60_000 };
/**
 * The contract resolves a crashed order, releases an expired hold or order, and fills an order a
 * price change's pass could not reach, each within 2 minutes; a little more for the last reaper pass.
 * A settled run stops waiting at once.
 */
const QUIESCENCE_MS = 150_000;

export interface CheckOutcome {
  readonly ok: boolean;
  readonly report: string;
}

/** Kept reachable for the signal and exit handlers of run.ts, which must stop the server whatever happens. */
export const activeServer: { current?: LocalServer } = {};

/**
 * One run: the target (our own server, or --base-url), the workload with its faults, quiescence,
 * the final state read through the API, the invariants, and the report.
 */
export async function runCheck(options: CheckOptions, argv: readonly string[]): Promise<CheckOutcome> {
  const workDir = mkdtempSync(join(tmpdir(), 'lockstep-check-'));
  const dataDir = join(workDir, 'data');
  const serverFaults = options.kill || options.inject;
  const server =
    options.baseUrl === undefined
      ? await startLocalServer({
          dataDir,
          logFile: join(workDir, 'server.log'),
          ...(options.inject ? { faults: faultSetting(options) } : {}),
        })
      : undefined;
  activeServer.current = server;
  const baseUrl = options.baseUrl ?? server?.url ?? '';
  // Fresh user ids and keys per run, so runs against one long-lived API never meet.
  const runTag = `check-${options.seed.toString(36)}-${Date.now().toString(36)}`;
  const adminUserId = `${runTag}-admin`;
  const tokenFor = tokenSource(options.tokensCommand, {
    userId: adminUserId,
    command: options.adminTokenCommand,
  });
  const userIds = Array.from({ length: options.users }, (_, index) => `${runTag}-u${index}`);
  const reader = { baseUrl, tokenFor, requestTimeoutMs: options.requestTimeoutMs };

  const requested = options.bank ? '--bank (no trading)' : options.cashOnly ? '--cash-only' : undefined;
  const probe =
    requested === undefined
      ? await probeOrders(reader, `${runTag}-probe`)
      : ({ ok: false, reason: requested } as const);
  const ordersExcluded = probe.ok ? undefined : { reason: probe.reason, requested: requested !== undefined };
  const workload: WorkloadKind = options.bank ? 'bank' : probe.ok ? 'trading' : 'cash-only';
  // Prices are changed by an admin: minted locally, and remotely only with a command that prints one.
  const priceChanges =
    workload !== 'trading'
      ? undefined
      : options.baseUrl === undefined || options.adminTokenCommand !== undefined
        ? { included: true }
        : { included: false, reason: 'no --admin-token-cmd for the remote API' };
  const context: ExecutionContext = {
    baseUrl,
    userIds,
    adminUserId,
    tokenFor,
    keyPrefix: runTag,
    seed: options.seed,
    requestTimeoutMs: options.requestTimeoutMs,
    abort: options.abort,
    bounds: serverFaults ? BOUNDS_WITH_SERVER_FAULTS : BOUNDS_PLAIN,
  };
  const run = await runWorkload(
    context,
    planWorkload(options.seed, options.users, options.ops, workload, priceChanges?.included === true),
    {
      concurrency: options.concurrency,
      ...(server ? { server } : {}),
      ...(options.kill ? { killAt: options.short ? [0.4] : [0.3, 0.65] } : {}),
    },
  );

  const { finalStates, listedAssets, ...quiescence } = await readSettledStates(
    reader,
    userIds,
    stillInFlight,
    QUIESCENCE_MS,
  );
  const operations = [...run.funding, ...run.load];
  const results = checkInvariants({
    operations,
    userIds,
    finalStates,
    serverFaults,
    ordersExcluded,
    listedAssets,
  });

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
  writeFileSync(finalStateFile, JSON.stringify({ userIds, listedAssets, finalStates }, null, 2));
  const ok = results.every(passed) && leftoverProcesses !== true;
  // The data folder is only worth its size when something is to be examined.
  if (ok) rmSync(dataDir, { recursive: true, force: true });

  const report = formatReport(
    {
      mode: `${workload} workload, ${modeOf(options)}`,
      seed: options.seed,
      target: options.baseUrl ?? `a local server of our own (${baseUrl})`,
      users: options.users,
      concurrency: options.concurrency,
      ops: options.ops,
      orders: probe.ok ? { included: true } : { included: false, reason: probe.reason },
      priceChanges,
      loadMs: run.loadMs,
      figures: countAttempts(run.load),
      kills: run.kills,
      faults: options.inject ? (server?.faultCounts ?? new Map()) : undefined,
      resolvedLate: run.resolvedLate,
      quiescence,
      leftoverProcesses,
      files: [
        ['history', historyFile],
        ['final state', finalStateFile],
        ...(server ? ([['server log', join(workDir, 'server.log')]] as const) : []),
      ],
      reproduce: `npm run check -- ${[...withoutSeed(argv), '--seed', String(options.seed)].map(shellQuoted).join(' ')}`,
    },
    results,
    operations,
  );
  return { ok, report };
}

/**
 * Pauses past a lease stall a user for up to 25 s each; the short CI run keeps about one or two of
 * them. A bank run makes more DynamoDB calls per operation (a payment locks two accounts), so its
 * share is lower for about as many pauses.
 */
function faultSetting(options: CheckOptions): string {
  const pauseShare = options.short ? `,pauseShare=${options.bank ? 0.005 : 0.01}` : '';
  return `rate=${options.faultRate},seed=${options.seed}${pauseShare}`;
}

function modeOf(options: CheckOptions): string {
  const faults = [options.abort && 'abort', options.kill && 'kill', options.inject && 'inject'].filter(
    Boolean,
  );
  return `${options.short ? 'short' : 'full'}, ${faults.length > 0 ? faults.join(' + ') : 'no faults'}`;
}

/** Single quotes where a shell would split or expand, so the line can be pasted as it is. */
function shellQuoted(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

function withoutSeed(argv: readonly string[]): string[] {
  return argv.filter((argument, index) => !argument.startsWith('--seed') && argv[index - 1] !== '--seed');
}
