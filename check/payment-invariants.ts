import { formatMinor, parseMinor } from './amounts';
import { definiteAnswer, fieldOf, labelOf, type Operation, resolutionOf, stringAt } from './history';
import { type InvariantResult, Tally } from './invariant';
import { PAYMENT_ENTRY_TYPES } from './ledger-invariants';
import type { LedgerEntry } from './parse-state';
import type { UserView } from './user-view';

const TITLE =
  'every acknowledged transfer and capture is one TRANSFER_OUT for the payer and one TRANSFER_IN for the payee, and no other payment entry exists';
const usd = (minor: bigint): string => `${formatMinor(minor, 2)} USD`;

interface Payment {
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  /** Which entries are this payment's: its transferId, or its holdId for a capture. */
  readonly belongs: (entry: LedgerEntry) => boolean;
  readonly named: string;
}

/** The payment an acknowledged transfer or capture made, as its answer tells it. */
function paymentOf(operation: Operation): Payment | string {
  const json = definiteAnswer(operation)?.json;
  if (operation.kind === 'transfer') {
    const transferId = stringAt(json, 'transfer', 'transferId');
    const amount = parseMinor(fieldOf(json, 'transfer', 'amount'), 2);
    const to = stringAt(json, 'transfer', 'to');
    if (transferId === undefined || amount === undefined || to === undefined)
      return 'its transfer is unreadable';
    return {
      from: operation.userId,
      to,
      amount,
      belongs: (entry) => entry.transferId === transferId,
      named: `transfer ${transferId}`,
    };
  }
  const holdId = stringAt(json, 'holdId');
  const from = stringAt(json, 'from');
  const to = stringAt(json, 'to');
  const amount = parseMinor(fieldOf(json, 'captured'), 2);
  if (holdId === undefined || from === undefined || to === undefined || amount === undefined) {
    return 'its captured hold is unreadable';
  }
  return { from, to, amount, belongs: (entry) => entry.holdId === holdId, named: `hold ${holdId}` };
}

/**
 * Transfers and captures in the ledger, exactly once on each side: the payer's TRANSFER_OUT of
 * −amount and the payee's TRANSFER_IN of +amount, each naming the other as counterparty and
 * carrying the transferId (a capture's also its holdId); and every TRANSFER_* entry belongs to an
 * acknowledged transfer or capture, so none was written that nobody was told about.
 */
export function checkPayments(operations: readonly Operation[], views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  const paying = operations.filter(
    (operation) => operation.kind === 'transfer' || operation.kind === 'capture',
  );
  if (paying.length === 0 && !operations.some((operation) => operation.kind === 'hold')) {
    return { ...tally.result('payments', TITLE), skipped: 'no transfers or holds were made' };
  }
  const ledgerOf = new Map(views.map((view) => [view.userId, view.ledger]));
  const claimed = new Set<LedgerEntry>();
  for (const operation of paying) {
    if (resolutionOf(operation) !== 'acknowledged') continue;
    const where = { userId: operation.userId, operationId: operation.id };
    const payment = paymentOf(operation);
    if (typeof payment === 'string') {
      tally.fail({ ...where, message: `${labelOf(operation)}: ${payment}` });
      continue;
    }
    const sides = [
      { userId: payment.from, type: 'TRANSFER_OUT', amount: -payment.amount, counterparty: payment.to },
      { userId: payment.to, type: 'TRANSFER_IN', amount: payment.amount, counterparty: payment.from },
    ];
    for (const side of sides) {
      const entries = (ledgerOf.get(side.userId) ?? []).filter(
        (entry) => entry.type === side.type && payment.belongs(entry),
      );
      for (const entry of entries) claimed.add(entry);
      const [entry] = entries;
      tally.check(
        entries.length === 1 &&
          entry !== undefined &&
          entry.amount === side.amount &&
          entry.counterparty === side.counterparty &&
          entry.transferId !== undefined,
        () => ({
          ...where,
          message: `${labelOf(operation)}: ${payment.named} has ${entries.length} ${side.type} entries for ${side.userId} (${entries.map((found) => `${usd(found.amount)} with ${found.counterparty ?? '?'}`).join(', ') || 'none'}), expected one of ${usd(side.amount)} with ${side.counterparty}`,
        }),
      );
    }
  }
  for (const view of views) {
    for (const entry of view.ledger) {
      if (!PAYMENT_ENTRY_TYPES.has(entry.type)) continue;
      tally.check(claimed.has(entry), () => ({
        userId: view.userId,
        message: `ledger entry ${entry.id} (${entry.type} ${usd(entry.amount)}, transfer ${entry.transferId ?? '?'}${entry.holdId ? `, hold ${entry.holdId}` : ''}) belongs to no acknowledged transfer or capture`,
      }));
    }
  }
  return tally.result('payments', TITLE);
}
