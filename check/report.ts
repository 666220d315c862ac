import { firstAnswerText } from './answer-invariants';
import type { Operation } from './history';
import { type InvariantResult, passed } from './invariant';
import type { AttemptFigures } from './run-figures';

export interface RunSummary {
  readonly mode: string;
  readonly seed: number;
  readonly target: string;
  readonly users: number;
  readonly concurrency: number;
  readonly ops: number;
  readonly orders: { readonly included: boolean; readonly reason?: string };
  /** Undefined where the workload trades nothing. */
  readonly priceChanges?: { readonly included: boolean; readonly reason?: string };
  readonly loadMs: number;
  readonly figures: AttemptFigures;
  readonly kills: ReadonlyArray<{ readonly afterOps: number; readonly downMs: number }>;
  readonly faults: ReadonlyMap<string, number> | undefined;
  readonly resolvedLate: number;
  readonly quiescence: { readonly settled: boolean; readonly waitedMs: number };
  readonly leftoverProcesses: boolean | undefined;
  readonly files: ReadonlyArray<readonly [string, string]>;
  readonly reproduce: string;
}

const EXAMPLES_PER_INVARIANT = 5;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One attempt in a line: what came back, or why nothing did. */
function attemptLine(operation: Operation): string {
  return operation.attempts
    .map((attempt) =>
      attempt.status === undefined
        ? (attempt.error ?? '?')
        : `${attempt.status}${attempt.replayed ? 'R' : ''}`,
    )
    .join(' ');
}

export function formatReport(
  summary: RunSummary,
  results: readonly InvariantResult[],
  operations: readonly Operation[],
): string {
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  const { figures } = summary;
  const statuses = [...figures.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status} ×${count}`);
  const failed = results.filter((result) => !passed(result));
  const lines = [
    `lockstep consistency check: ${summary.mode}, seed ${summary.seed}, against ${summary.target}`,
    `workload:   ${summary.users} users, concurrency ${summary.concurrency}, ${summary.ops} operations after funding; orders ${summary.orders.included ? 'included' : `EXCLUDED (${summary.orders.reason ?? ''})`}${summary.priceChanges === undefined ? '' : `; price changes ${summary.priceChanges.included ? 'included' : `EXCLUDED (${summary.priceChanges.reason ?? ''})`}`}`,
    `load:       ${figures.operations} operations in ${seconds(summary.loadMs)} = ${(figures.operations / Math.max(summary.loadMs / 1000, 0.001)).toFixed(1)} ops/s; ${figures.attempts} attempts, ${figures.retries} retries`,
    `outcomes:   ${figures.acknowledged} acknowledged (201/200), ${figures.rejected} rejected (422, or 409 already resolved), ${figures.indeterminate} indeterminate${figures.skipped > 0 ? `, ${figures.skipped} skipped (what they act on was never acknowledged)` : ''}${summary.resolvedLate > 0 ? `; ${summary.resolvedLate} settled by a late retry of their key` : ''}`,
    `answers:    ${statuses.join(', ') || 'none'}; ${figures.serverErrors} 5xx; ${figures.timeouts} timeouts, ${figures.dropped} dropped by us, ${figures.socketErrors} socket errors`,
    `faults:     ${faultLine(summary)}`,
    `quiescence: ${summary.quiescence.settled ? 'settled' : 'NOT settled'} after ${seconds(summary.quiescence.waitedMs)}`,
    ...(summary.leftoverProcesses === undefined
      ? []
      : [
          `processes:  ${summary.leftoverProcesses ? 'LEFT BEHIND: the server process group outlived stop()' : 'none left behind (server process group gone, JVM included)'}`,
        ]),
    '',
    'invariants:',
  ];
  for (const result of results) {
    const verdict = !passed(result) ? 'FAIL' : result.skipped !== undefined ? 'SKIP' : 'PASS';
    const counts = result.skipped ?? `${result.checked} checked, ${result.violations.length} violations`;
    lines.push(`  ${verdict}  ${result.id.padEnd(20)} ${result.title} (${counts})`);
    for (const violation of result.violations.slice(0, EXAMPLES_PER_INVARIANT)) {
      lines.push(`        - ${violation.userId ? `${violation.userId}: ` : ''}${violation.message}`);
      const operation = violation.operationId === undefined ? undefined : byId.get(violation.operationId);
      if (operation) {
        lines.push(
          `          history: ${operation.kind} ${JSON.stringify(operation.body)}, attempts: ${attemptLine(operation)}`,
        );
        lines.push(`          first definite answer: ${firstAnswerText(operation)}`);
      }
    }
    if (result.violations.length > EXAMPLES_PER_INVARIANT) {
      lines.push(
        `        … and ${result.violations.length - EXAMPLES_PER_INVARIANT} more (see the history file)`,
      );
    }
  }
  lines.push('');
  if (summary.leftoverProcesses === true) lines.push('result: FAIL (processes left behind)');
  lines.push(
    failed.length === 0
      ? `result: PASS, all ${results.length} invariants hold`
      : `result: FAIL, ${failed.length} of ${results.length} invariants violated`,
  );
  for (const [name, path] of summary.files) lines.push(`${name}: ${path}`);
  lines.push(`reproduce: ${summary.reproduce}`);
  return lines.join('\n');
}

function faultLine(summary: RunSummary): string {
  const parts: string[] = [];
  if (summary.kills.length > 0) {
    parts.push(
      `${summary.kills.length} kill -9 (${summary.kills.map((kill) => `after ${kill.afterOps} ops, down ${seconds(kill.downMs)}`).join('; ')})`,
    );
  }
  if (summary.faults) {
    const injected = [...summary.faults].sort().map(([kind, count]) => `${kind} ${count}`);
    const total = [...summary.faults.values()].reduce((sum, count) => sum + count, 0);
    parts.push(`${total} injected in the server (${injected.join(', ') || 'none'})`);
  }
  if (summary.figures.dropped > 0) parts.push(`${summary.figures.dropped} requests dropped mid-flight`);
  return parts.join('; ') || 'none';
}
