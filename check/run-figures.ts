import { type Operation, resolutionOf } from './history';

/** What the workload did, counted from the history. */
export interface AttemptFigures {
  readonly operations: number;
  readonly attempts: number;
  readonly retries: number;
  readonly byStatus: ReadonlyMap<number, number>;
  readonly timeouts: number;
  readonly dropped: number;
  readonly socketErrors: number;
  readonly serverErrors: number;
  readonly acknowledged: number;
  readonly rejected: number;
  readonly indeterminate: number;
  /** Never sent: the operation they refer to named no hold or order. */
  readonly skipped: number;
}

export function countAttempts(operations: readonly Operation[]): AttemptFigures {
  const byStatus = new Map<number, number>();
  let attempts = 0;
  let timeouts = 0;
  let dropped = 0;
  let socketErrors = 0;
  const resolutions = { acknowledged: 0, rejected: 0, indeterminate: 0, skipped: 0 };
  for (const operation of operations) {
    resolutions[resolutionOf(operation)]++;
    for (const attempt of operation.attempts) {
      attempts++;
      if (attempt.status !== undefined) byStatus.set(attempt.status, (byStatus.get(attempt.status) ?? 0) + 1);
      else if (attempt.error === 'timeout') timeouts++;
      else if (attempt.error === 'aborted') dropped++;
      else socketErrors++;
    }
  }
  const serverErrors = [...byStatus]
    .filter(([status]) => status >= 500)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    operations: operations.length,
    attempts,
    retries: attempts - operations.length + resolutions.skipped,
    byStatus,
    timeouts,
    dropped,
    socketErrors,
    serverErrors,
    ...resolutions,
  };
}
