import type { FinalUserState } from './final-state';
import type { Operation } from './history';

export interface Violation {
  readonly message: string;
  readonly userId?: string;
  readonly operationId?: number;
}

export interface InvariantResult {
  readonly id: string;
  readonly title: string;
  /** How many things the invariant looked at (balances, entries, answers…), for the report. */
  readonly checked: number;
  readonly violations: readonly Violation[];
  /** Why it could not be checked at all; never a pass. */
  readonly skipped?: string;
}

export interface CheckInput {
  readonly operations: readonly Operation[];
  readonly userIds: readonly string[];
  readonly finalStates: readonly FinalUserState[];
  /** The server had faults injected (--inject, --kill), so a 5xx is allowed, if retried. */
  readonly serverFaults: boolean;
}

export const passed = (result: InvariantResult): boolean =>
  result.skipped === undefined && result.violations.length === 0;

/** A tally of checks and violations that reads top-down in each invariant. */
export class Tally {
  checked = 0;
  readonly violations: Violation[] = [];

  check(ok: boolean, violation: () => Violation): void {
    this.checked++;
    if (!ok) this.violations.push(violation());
  }

  fail(violation: Violation): void {
    this.checked++;
    this.violations.push(violation);
  }

  result(id: string, title: string): InvariantResult {
    return { id, title, checked: this.checked, violations: this.violations };
  }
}
