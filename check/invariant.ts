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
  /** Why it was not checked, when the run asked for that; shown as SKIP. */
  readonly skipped?: string;
}

export interface CheckInput {
  readonly operations: readonly Operation[];
  readonly userIds: readonly string[];
  readonly finalStates: readonly FinalUserState[];
  /** The server had faults injected (--inject, --kill), so a 5xx is allowed, if retried. */
  readonly serverFaults: boolean;
  /**
   * Why the workload placed no orders: asked for (--cash-only), which skips the order invariant, or
   * because buy did not work, which fails it: a check that silently left orders out would prove less
   * than it says.
   */
  readonly ordersExcluded?: { readonly reason: string; readonly requested: boolean };
  /** GET /assets as read with the final state: an OPEN order its listed price meets is not settled. */
  readonly listedAssets?: unknown;
}

export const passed = (result: InvariantResult): boolean => result.violations.length === 0;

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
