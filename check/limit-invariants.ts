import { CASH, formatMinor, parseMinor } from './amounts';
import { definiteAnswer, fieldOf, labelOf, type Operation, resolutionOf, stringAt } from './history';
import { type InvariantResult, Tally } from './invariant';

/**
 * The contract's default daily limits, in cents, written out here rather than imported: a checker
 * that read them from the code under test would agree with any change to them. The workload's users
 * never get limits of their own.
 */
export const CONTRACT_DAILY_LIMITS = { deposit: 1_000_000n, withdrawal: 500_000n } as const;

type LimitKind = keyof typeof CONTRACT_DAILY_LIMITS;

/** Cash leaving by a withdrawal, a transfer or a placed hold counts toward the withdrawal limit. */
const LIMIT_OF: Readonly<Partial<Record<Operation['kind'], LimitKind>>> = {
  fund: 'deposit',
  deposit: 'deposit',
  withdraw: 'withdrawal',
  transfer: 'withdrawal',
  hold: 'withdrawal',
};
const kindOf = (operation: Operation): LimitKind | undefined => LIMIT_OF[operation.kind];

/** Where an acknowledgement says how much moved and when: a Tx, a Transfer, or the Hold itself. */
const RECORD_OF: Readonly<Partial<Record<Operation['kind'], readonly string[]>>> = {
  transfer: ['transfer'],
  hold: [],
};

const usd = (minor: bigint): string => `${formatMinor(minor, 2)} ${CASH}`;

/** Cents acknowledged per user, UTC day (from the entry's createdAt) and kind. */
function acknowledgedUse(operations: readonly Operation[]): Map<string, bigint> {
  const used = new Map<string, bigint>();
  for (const operation of operations) {
    const kind = kindOf(operation);
    if (!kind || resolutionOf(operation) !== 'acknowledged') continue;
    const record = fieldOf(
      definiteAnswer(operation)?.json,
      ...(RECORD_OF[operation.kind] ?? ['transaction']),
    );
    const amount = parseMinor(fieldOf(record, 'amount'), 2);
    const day = stringAt(record, 'createdAt')?.slice(0, 10);
    // An unreadable acknowledgement is the answers invariant's to report.
    if (amount === undefined || day === undefined) continue;
    const key = `${operation.userId}|${day}|${kind}`;
    used.set(key, (used.get(key) ?? 0n) + (amount < 0n ? -amount : amount));
  }
  return used;
}

/**
 * No user's acknowledged deposits, or withdrawals with transfers out and holds placed, of one UTC
 * day pass the daily limits, and every
 * DAILY_LIMIT_EXCEEDED tells the truth: the contract's limit, a day's use no greater than what was
 * acknowledged that day, what is left, and a request that does not fit in it.
 */
export function checkDailyLimits(operations: readonly Operation[]): InvariantResult {
  const tally = new Tally();
  const used = acknowledgedUse(operations);
  for (const [key, total] of used) {
    const [userId, day, kind] = key.split('|') as [string, string, LimitKind];
    const limit = CONTRACT_DAILY_LIMITS[kind];
    tally.check(total <= limit, () => ({
      userId,
      message: `${day}: ${usd(total)} of ${kind}s acknowledged, past the daily limit of ${usd(limit)}`,
    }));
  }
  for (const operation of operations) {
    const kind = kindOf(operation);
    const answer = definiteAnswer(operation);
    if (
      !kind ||
      answer?.status !== 422 ||
      stringAt(answer.json, 'error', 'code') !== 'DAILY_LIMIT_EXCEEDED'
    ) {
      continue;
    }
    const figure = (name: string) => parseMinor(fieldOf(answer.json, 'dailyLimit', name), 2);
    const [limit, spent, remaining, requested] = ['limit', 'used', 'remaining', 'requested'].map(figure);
    const day = stringAt(answer.json, 'dailyLimit', 'day');
    const acknowledged = used.get(`${operation.userId}|${day}|${kind}`) ?? 0n;
    const problem =
      limit === undefined || spent === undefined || remaining === undefined || requested === undefined
        ? `its dailyLimit figures are not readable: ${JSON.stringify(fieldOf(answer.json, 'dailyLimit'))}`
        : stringAt(answer.json, 'dailyLimit', 'kind') !== kind || limit !== CONTRACT_DAILY_LIMITS[kind]
          ? `it names the ${String(stringAt(answer.json, 'dailyLimit', 'kind'))} limit ${usd(limit)}, not the ${kind} limit ${usd(CONTRACT_DAILY_LIMITS[kind])}`
          : requested !== parseMinor(operation.body.amount, 2)
            ? `it says ${usd(requested)} was requested, the request asked for ${operation.body.amount ?? '?'}`
            : remaining !== (limit > spent ? limit - spent : 0n) || requested <= remaining
              ? `its figures do not add up: limit ${usd(limit)}, used ${usd(spent)}, left ${usd(remaining)}, requested ${usd(requested)}`
              : spent > acknowledged
                ? `it claims ${usd(spent)} used on ${day ?? '?'}, but only ${usd(acknowledged)} was acknowledged that day`
                : undefined;
    tally.check(problem === undefined, () => ({
      userId: operation.userId,
      operationId: operation.id,
      message: `${labelOf(operation)}: DAILY_LIMIT_EXCEEDED, but ${problem ?? ''}`,
    }));
  }
  return tally.result(
    'daily-limits',
    'acknowledged deposits, and withdrawals with transfers and holds, stay within the daily limits, and every refusal by a limit tells the truth',
  );
}
