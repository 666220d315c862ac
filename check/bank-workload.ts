import type { Random } from '../local/faults/seeded-random';
import { type Mix, pickKind, plainBody, usd } from './plan-draws';
import type { LoadPlanner, PlannedOperation } from './workload';

const BANK_MIX: Mix = [
  ['transfer', 0.3],
  ['hold', 0.22],
  ['capture', 0.12],
  ['void', 0.06],
  ['deposit', 0.15],
  ['withdraw', 0.15],
];
/** Captures and voids act on one of the latest holds, so most land before it expires. */
const RECENT_HOLDS = 12;
/** Share of captures and voids aimed at a hold another one already aims at: at most one may win. */
const SECOND_RESOLUTION = 0.1;
/** Payments of 0.01 to 300.00 USD: the funded accounts meet their daily withdrawal limit, not zero. */
const PAYMENT_CENTS = [1, 30_000] as const;

interface PlannedHold {
  readonly index: number;
  readonly payer: number;
  readonly payee: number;
  readonly cents: number;
}

const otherUser = (random: Random, users: number, userIndex: number): number =>
  (userIndex + random.int(1, users - 1)) % users;

/** A few seconds (often gone before a capture comes) to a minute (often still PENDING at the end). */
const holdExpirySeconds = (random: Random): number =>
  random.chance(0.4) ? random.int(2, 8) : random.int(10, 60);

/** The body of a capture: the whole hold, a part of it, or now and then more than it (422). */
function captureBody(random: Random, hold: PlannedHold): Record<string, string> {
  const roll = random.next();
  if (roll < 0.4) return {};
  const amount = roll < 0.9 ? random.int(1, hold.cents) : hold.cents + random.int(1, 5_000);
  return { amount: usd(amount) };
}

/**
 * Jepsen's bank workload over the funded accounts: transfers, holds with short expiries, captures
 * (whole and partial) and voids (by the payer or the payee) of recent holds, and deposits and
 * withdrawals; holds nobody resolves are left to expire. Needs two users or more.
 */
export function planBank(users: number): LoadPlanner {
  const holds: PlannedHold[] = [];
  const aimedAt = new Set<number>();
  const resolutionOf = (random: Random, kind: 'capture' | 'void'): PlannedOperation | undefined => {
    const recent = holds.slice(-RECENT_HOLDS);
    const fresh = recent.filter((hold) => !aimedAt.has(hold.index));
    const pool = fresh.length > 0 && !random.chance(SECOND_RESOLUTION) ? fresh : recent;
    if (pool.length === 0) return undefined;
    const hold = random.pick(pool);
    aimedAt.add(hold.index);
    const refersTo = { index: hold.index, field: 'holdId' } as const;
    if (kind === 'capture') return { kind, userIndex: hold.payer, body: captureBody(random, hold), refersTo };
    return { kind, userIndex: random.chance(0.3) ? hold.payee : hold.payer, body: {}, refersTo };
  };
  return (random, index) => {
    const kind = pickKind(random, BANK_MIX);
    const userIndex = random.int(0, users - 1);
    if (kind === 'capture' || kind === 'void') {
      const planned = resolutionOf(random, kind);
      if (planned) return planned;
    }
    if (kind === 'deposit' || kind === 'withdraw') return { kind, userIndex, body: plainBody(kind, random) };
    const payeeIndex = otherUser(random, users, userIndex);
    const amountCents = random.int(...PAYMENT_CENTS);
    const amount = usd(amountCents);
    if (kind === 'hold') {
      holds.push({ index, payer: userIndex, payee: payeeIndex, cents: amountCents });
      return { kind, userIndex, payeeIndex, body: { amount, expiresInSeconds: holdExpirySeconds(random) } };
    }
    return {
      kind: 'transfer',
      userIndex,
      payeeIndex,
      body: random.chance(0.3) ? { amount, memo: `check payment ${index}` } : { amount },
    };
  };
}
