import { deriveSeed, seededRandom } from '../local/faults/seeded-random';
import { type ExecutionContext, executeAll, executeOperation } from './execute-operations';
import { type Operation, resolutionOf } from './history';
import { type KillRecord, killSchedule } from './kill-schedule';
import type { LocalServer } from './local-server';
import { createProgress } from './progress';
import type { Workload } from './workload';

export interface WorkloadRun {
  readonly funding: readonly Operation[];
  readonly load: readonly Operation[];
  readonly loadMs: number;
  readonly kills: readonly KillRecord[];
  /** Operations a late retry of their key made definite. */
  readonly resolvedLate: number;
}

export interface WorkloadSettings {
  readonly concurrency: number;
  /** Our own server: its failure ends the run, and with `killAt` it is killed at those shares of the load. */
  readonly server?: LocalServer;
  readonly killAt?: readonly number[];
}

/** Funding first, so every user starts with money, then the concurrent random load with its progress. */
export async function runWorkload(
  context: ExecutionContext,
  workload: Workload,
  settings: WorkloadSettings,
): Promise<WorkloadRun> {
  const funding = await executeAll(context, workload.funding, 0, settings.concurrency, () => {});
  const kills =
    settings.server && settings.killAt
      ? killSchedule(settings.server, workload.load.length, settings.killAt)
      : undefined;
  const progress = createProgress();
  const live = { done: 0, retries: 0, serverErrors: 0 };
  const figures = () => ({
    ...live,
    total: workload.load.length,
    note: kills && kills.kills.length > 0 ? `${kills.kills.length} kill(s)` : undefined,
  });
  const started = Date.now();
  const running = executeAll(context, workload.load, funding.length, settings.concurrency, (operation) => {
    live.done++;
    live.retries += Math.max(operation.attempts.length - 1, 0);
    live.serverErrors += operation.attempts.filter((attempt) => (attempt.status ?? 0) >= 500).length;
    progress.update(figures());
    kills?.onProgress(live.done);
  });
  const load = await (settings.server ? Promise.race([running, settings.server.failure]) : running);
  const loadMs = Date.now() - started;
  progress.finish(figures());
  await kills?.settled();

  // A key that ran out of retries gets one more round: a replay tells what it did, or it runs now.
  const late = [...funding, ...load].filter((operation) => resolutionOf(operation) === 'indeterminate');
  await Promise.all(
    late.map((operation) =>
      executeOperation(context, operation, seededRandom(deriveSeed(context.seed, 4, operation.id))),
    ),
  );
  const resolvedLate = late.filter((operation) => resolutionOf(operation) !== 'indeterminate').length;
  return { funding, load, loadMs, kills: kills?.kills ?? [], resolvedLate };
}
