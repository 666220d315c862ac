import { formatMinor, scaleOf } from './amounts';
import {
  definiteAnswer,
  labelOf,
  type Operation,
  type OperationKind,
  resolutionOf,
  stringAt,
} from './history';
import { type InvariantResult, Tally } from './invariant';
import { effectsOf, type FinalOrders } from './model';
import type { LedgerEntry } from './parse-state';
import type { UserView } from './user-view';

const CASH_KINDS = new Set(['fund', 'deposit', 'withdraw']);
const ORDER_KINDS = new Set(['buy', 'sell']);
/** Payments' entries are the payments invariant's to account for. */
export const PAYMENT_ENTRY_TYPES: ReadonlySet<string> = new Set(['TRANSFER_IN', 'TRANSFER_OUT']);
const ENTRY_TYPE: Readonly<Partial<Record<OperationKind, string>>> = {
  fund: 'DEPOSIT',
  deposit: 'DEPOSIT',
  withdraw: 'WITHDRAWAL',
  buy: 'BUY',
  sell: 'SELL',
};

/**
 * Every acknowledged deposit, withdrawal and order is in the ledger exactly once (a cash operation as
 * its transaction id, an order as two entries with its order id, or none when it rested and never
 * filled), nothing rejected is, and every such ledger entry belongs to an acknowledged operation: an
 * effect nobody was told about is as wrong as a lost one.
 */
export function checkExactlyOnce(
  operations: readonly Operation[],
  views: readonly UserView[],
  finalOrders: FinalOrders = new Map(),
): InvariantResult {
  const tally = new Tally();
  const viewOf = new Map(views.map((view) => [view.userId, view]));
  const claimed = new Set<LedgerEntry>();

  for (const view of views) {
    const seen = new Set<string>();
    for (const entry of view.ledger) {
      tally.check(!seen.has(entry.id), () => ({
        userId: view.userId,
        message: `ledger entry id ${entry.id} is listed twice`,
      }));
      seen.add(entry.id);
    }
  }

  for (const operation of operations) {
    const view = viewOf.get(operation.userId);
    if (!view || !(CASH_KINDS.has(operation.kind) || ORDER_KINDS.has(operation.kind))) continue;
    const resolution = resolutionOf(operation);
    const body = definiteAnswer(operation)?.json;
    const where = { userId: operation.userId, operationId: operation.id };
    const label = labelOf(operation);
    if (resolution === 'rejected') {
      const orderId = stringAt(body, 'order', 'orderId');
      if (orderId === undefined) continue;
      const entries = view.ledger.filter((entry) => entry.orderId === orderId);
      tally.check(entries.length === 0, () => ({
        ...where,
        message: `${label} was rejected, yet its order ${orderId} has ${entries.length} ledger entries`,
      }));
      continue;
    }
    if (resolution !== 'acknowledged') continue;
    const effects = effectsOf(operation, finalOrders);
    const expected = 'effects' in effects ? effects.effects : [];
    if (CASH_KINDS.has(operation.kind)) {
      const id = stringAt(body, 'transaction', 'id');
      const entries = view.ledger.filter((entry) => entry.id === id);
      for (const entry of entries) claimed.add(entry);
      const [effect] = expected;
      const [entry] = entries;
      tally.check(
        entries.length === 1 &&
          entry !== undefined &&
          entry.type === ENTRY_TYPE[operation.kind] &&
          effect !== undefined &&
          entry.asset === effect.asset &&
          entry.amount === effect.amount,
        () => ({
          ...where,
          message:
            entries.length === 1
              ? `${label}: ledger entry ${id} does not match the acknowledged answer`
              : `${label}: acknowledged transaction ${id ?? '(no id)'} is in the ledger ${entries.length} times`,
        }),
      );
      continue;
    }
    const orderId = stringAt(body, 'order', 'orderId');
    const entries = view.ledger.filter((entry) => entry.orderId !== undefined && entry.orderId === orderId);
    for (const entry of entries) claimed.add(entry);
    const matches =
      entries.length === expected.length &&
      expected.every((effect) =>
        entries.some(
          (entry) =>
            entry.asset === effect.asset &&
            entry.amount === effect.amount &&
            entry.type === ENTRY_TYPE[operation.kind],
        ),
      );
    tally.check(matches, () => ({
      ...where,
      message: `${label}: acknowledged order ${orderId ?? '(no id)'} has ${entries.length} ledger entries (${describe(entries)}), expected ${expected.length} (${expected.map((effect) => `${formatMinor(effect.amount, scaleOf(effect.asset))} ${effect.asset}`).join(', ')})`,
    }));
  }

  for (const view of views) {
    for (const entry of view.ledger) {
      if (PAYMENT_ENTRY_TYPES.has(entry.type)) continue;
      tally.check(claimed.has(entry), () => ({
        userId: view.userId,
        message: `ledger entry ${entry.id} (${entry.type} ${describe([entry])}${entry.orderId ? `, order ${entry.orderId}` : ''}) belongs to no acknowledged operation`,
      }));
    }
  }
  return tally.result(
    'exactly-once',
    'every acknowledged deposit, withdrawal and trade is in the ledger exactly once, and nothing else is',
  );
}

function describe(entries: readonly LedgerEntry[]): string {
  return entries
    .map((entry) => `${formatMinor(entry.amount, scaleOf(entry.asset))} ${entry.asset}`)
    .join(', ');
}
