import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { LeaseLostError } from '../errors';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { queueIsEmpty } from '../lease/lock-queue';
import { readLockState } from '../lease/lock-queue-store';
import {
  appliedParkedUpdate,
  listParkedRequests,
  type ParkedRequests,
  unparkRequest,
} from '../lease/parked-requests';
import { StaleBalanceError } from '../lease/stale-balance';
import { type Lease, releaseUserLock } from '../lease/user-lock';
import { ItemConditionFailed, type LeasedBalance, writeUnderLeases } from '../lease/write-under-lease';
import type { TransactItem } from '../storage/transact';
import { judgeTransfer } from './judge-transfer';
import { type ParkedTransfer, parkedTransferFrom } from './parked-transfer';

/**
 * Payments applied in one transaction: the payee's lock and balance, then six items each (the
 * payer's lock and balance, its idempotency record, both ledger entries, the parked item taken out
 * of the index), within DynamoDB's 100.
 */
const BATCH_LIMIT = 16;
/**
 * A payment is applied only while its payer's lease has this much left, so the write lands well
 * inside it; a poster gives up long before its lease ends (pay-busy-payee.ts).
 */
const LEASE_MARGIN_MS = 2_000;
/**
 * How long one holder goes on applying batch after batch, at most: well inside its lease. It lets
 * the lock go earlier when nothing is parked, or when a request queues for the payee's lock itself
 * (its own deposit, an order), which then waits one batch at most.
 */
const DRAIN_MS = 5_000;
/** Refusals one batch may meet and drop before it leaves the rest to the next batch. */
const ATTEMPTS = 4;

const stateOf = async (lease: Lease): Promise<BalanceState> => lease.snapshot ?? readBalance(lease.userId);

/**
 * The batch: oldest first, up to BATCH_LIMIT, one per payer (a payer holds one lease at a time),
 * each with enough lease left and not parked under a lease known to be gone. `retired` are those
 * whose payer's lease has ended: their posters are gone, and nothing can apply them any more.
 */
function batchOf(payee: string, parked: ParkedRequests, gone: ReadonlySet<string>, nowMs: number) {
  const payers = new Set<string>();
  const all = [...parked].map(([id, request]) => parkedTransferFrom(id, payee, request));
  const retired = all.filter(
    (transfer) => transfer.payerLease.expiresAt * 1000 <= nowMs || gone.has(transfer.payerLease.owner),
  );
  const batch = all
    .filter((transfer) => !retired.includes(transfer))
    .filter((transfer) => transfer.payerLease.expiresAt * 1000 - LEASE_MARGIN_MS > nowMs)
    .sort((a, b) => a.postedAtMs - b.postedAtMs)
    .filter((transfer) => !payers.has(transfer.userId) && payers.add(transfer.userId))
    .slice(0, BATCH_LIMIT);
  return { batch, retired };
}

/** Takes retired payments out of the index, best effort: a later holder retires what this one misses. */
async function retire(payee: string, retired: readonly ParkedTransfer[]): Promise<void> {
  await Promise.allSettled(
    retired.map((transfer) => unparkRequest(payee, transfer.id, transfer.payerLease.owner)),
  );
}

/** The batch judged in order, each payment on the payee's balance as the ones before it left it. */
function judgeBatch(payee: string, payeeBefore: BalanceState, batch: readonly ParkedTransfer[]) {
  let running = payeeBefore;
  const records: TransactItem[] = [];
  const ledger: TransactItem[] = [];
  const accounts: LeasedBalance[] = [];
  for (const transfer of batch) {
    const judged = judgeTransfer(transfer, transfer.payerBefore, new Map([[payee, running]]));
    running = judged.payeeAfter ?? running;
    records.push(idempotencyRecordPut(transfer.userId, transfer.idempotency, judged.outcome));
    ledger.push(...judged.ledger);
    accounts.push({
      lease: transfer.payerLease,
      before: transfer.payerBefore,
      after: judged.payerAfter,
      release: true,
    });
  }
  return { payeeAfter: running === payeeBefore ? undefined : running, records, ledger, accounts };
}

/**
 * One batch, in one transaction fenced on the payee's lease and on every payer's (handed over by
 * the posters, who hold them while they wait): each payer's debit and the payee's credits with both
 * ledger entries per payment, each payer's idempotency record holding its outcome (a refusal is
 * recorded the same way, on unchanged balances), every applied payment's parked item taken out of the index,
 * every payer's lock released; the payee's lock stays held. A payment whose poster took it back
 * meanwhile, whose payer's lease is gone, or whose key already has a record (its poster answers
 * with that) is dropped and the rest written again. Returns the payee's state as stored, or
 * undefined when the payee's own lease is lost or nothing could be written.
 */
async function applyBatch(
  payee: Lease,
  before: BalanceState,
  parked: ParkedRequests,
  gone: Set<string>,
): Promise<BalanceState | undefined> {
  let payeeBefore = before;
  const chosen = batchOf(payee.userId, parked, gone, Date.now());
  await retire(payee.userId, chosen.retired);
  let batch = chosen.batch;
  for (let attempt = 1; attempt <= ATTEMPTS && batch.length > 0; attempt++) {
    const judged = judgeBatch(payee.userId, payeeBefore, batch);
    try {
      const stored = await writeUnderLeases({
        accounts: [
          { lease: payee, before: payeeBefore, after: judged.payeeAfter, release: false },
          ...judged.accounts,
        ],
        items: {
          record: judged.records,
          ledger: judged.ledger,
          parked: batch.map((transfer) =>
            appliedParkedUpdate(payee.userId, transfer.id, transfer.payerLease.owner),
          ),
        },
        step: `parked-transfers:${attempt}`,
      });
      return stored.get(payee.userId);
    } catch (error) {
      if (error instanceof StaleBalanceError) {
        payeeBefore = error.current.get(payee.userId) ?? payeeBefore;
        batch = batch.map((transfer) => ({
          ...transfer,
          payerBefore: error.current.get(transfer.userId) ?? transfer.payerBefore,
        }));
      } else if (error instanceof LeaseLostError) {
        if (error.users.includes(payee.userId)) return undefined;
        // A lease the fence refused never comes back: its payments are retired.
        const lost = batch.filter((transfer) => error.users.includes(transfer.userId));
        for (const transfer of lost) gone.add(transfer.payerLease.owner);
        await retire(payee.userId, lost);
        batch = batch.filter((transfer) => !lost.includes(transfer));
      } else if (error instanceof ItemConditionFailed) {
        const refused = new Set(
          [...error.refusals('parked'), ...error.refusals('record')].map(({ position }) => position),
        );
        batch = batch.filter((_, position) => !refused.has(position));
      } else throw error;
    }
  }
  return undefined;
}

/**
 * The holder of a payee's lock applies the payments parked at it (ADR 0014), batch after batch,
 * while payments are parked, nobody queues for the lock and for at most DRAIN_MS, then releases
 * the lock. `parked` is what was parked when it took the lock; after each batch it reads what has
 * been parked since, and the lock, in one round trip.
 */
export async function applyParkedTransfers(payee: Lease, parked: ParkedRequests): Promise<void> {
  const until = Date.now() + DRAIN_MS;
  try {
    let payeeState: BalanceState | undefined = await stateOf(payee);
    let waiting = parked;
    let queued = false;
    const gone = new Set<string>();
    while (payeeState && waiting.size > 0 && !queued && Date.now() < until) {
      payeeState = await applyBatch(payee, payeeState, waiting, gone);
      if (payeeState) {
        const [listed, lock] = await Promise.all([
          listParkedRequests(payee.userId),
          readLockState(payee.userId),
        ]);
        waiting = listed;
        queued = !queueIsEmpty(lock);
      }
    }
  } finally {
    await releaseUserLock(payee);
  }
}
