import type { ExecutionEvent } from './order-workflow-runner';

/**
 * One line per order execution, from the event log the local runner collects: the states it went
 * through, each retry and failure, and how it ended, e.g.
 * `order 01J… Reserve → Commit → Completed: SUCCEEDED in 412 ms`, or
 * `order 01J… Reserve ✗ InsufficientFundsError → Rollback → Failed: FAILED in 95 ms`.
 */
export function executionTrace(executionName: string, events: readonly ExecutionEvent[]): string {
  let path = '';
  let ending = 'did not end';
  for (const event of events) {
    switch (event.type) {
      case 'StateEntered':
        path += path === '' ? event.state.name : ` → ${event.state.name}`;
        break;
      case 'StateRetried':
        path += ` ↻ retry ${event.retry.attempt}`;
        break;
      case 'StateFailed':
        // A Fail state's error is the execution's, which the ending names already.
        if (event.state.type !== 'Fail') path += ` ✗ ${event.Error}`;
        break;
      case 'ExecutionSucceeded':
        ending = 'SUCCEEDED';
        break;
      case 'ExecutionFailed':
        ending = `FAILED (${event.Error})`;
        break;
      case 'ExecutionAborted':
        ending = 'ABORTED';
        break;
      case 'ExecutionTimeout':
        ending = 'TIMED_OUT';
        break;
    }
  }
  const first = events[0]?.timestamp;
  const last = events.at(-1)?.timestamp;
  const took = first !== undefined && last !== undefined ? ` in ${last - first} ms` : '';
  return `order ${executionName} ${path}: ${ending}${took}`;
}
