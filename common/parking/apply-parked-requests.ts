import type { BalanceState } from '../accounts/balance-state';
import { readBalance } from '../accounts/balance-store';
import { LeaseLostError } from '../errors';
import { idempotencyRecordPut } from '../idempotency/idempotency-record';
import { queueIsEmpty } from '../lease/lock-queue';
import { readLockState } from '../lease/lock-queue-store';
import {
  appliedParkedUpdate,
  listParkedRequests,
  type ParkedRequest,
  type ParkedRequests,
  unparkRequest,
} from '../lease/parked-requests';
import { StaleBalanceError } from '../lease/stale-balance';
import { type Lease, releaseUserLock } from '../lease/user-lock';
import { ItemConditionFailed, type LeasedBalance, writeUnderLeases } from '../lease/write-under-lease';
import type { TransactItem } from '../storage/transact';
import { judgeTransfer } from '../transfers/judge-transfer';
import { type ParkedTransfer, parkedTransferFrom } from '../transfers/parked-transfer';
import { judgeOwnRequest } from './judge-own-request';
import { isOwnRequest, type ParkedOwnRequest, parkedOwnRequestFrom } from './parked-own-request';

/** DynamoDB's limit on the items of one transaction. */
const TRANSACTION_ITEMS = 100;
/** The holder's own lock and balance. */
const HOLDER_ITEMS = 2;
/**
 * A payment: the payer's lock and balance, its idempotency record, both ledger entries, the parked
 * item taken out of the index. A request of the holder's own user: its record, its parked item, and
 * at most two ledger entries and an order.
 */
const ITEMS_PER = { payment: 6, own: 5 } as const;
/**
 * A payment is applied only while its payer's lease has this much left, so the write lands well
 * inside it; a poster gives up long before its lease ends (pay-busy-payee.ts).
 */
const LEASE_MARGIN_MS = 2_000;
/**
 * How long one holder goes on applying batch after batch, at most: well inside its lease. It lets
 * the lock go earlier when nothing is parked, or when a request queues for the lock itself (a fill,
 * a hold), which then waits one batch at most.
 */
const DRAIN_MS = 5_000;
/** Refusals one batch may meet and drop before it leaves the rest to the next batch. */
const ATTEMPTS = 4;

/** One parked request: a payment to the lock's user (ADR 0014), or a request of its own (ADR 0015). */
type Parked =
  | { readonly kind: 'payment'; readonly id: string; readonly transfer: ParkedTransfer }
  | { readonly kind: 'own'; readonly id: string; readonly request: ParkedOwnRequest };

const postedAtMs = (parked: Parked): number =>
  parked.kind === 'payment' ? parked.transfer.postedAtMs : parked.request.postedAtMs;
const heldBy = (parked: Parked): string =>
  parked.kind === 'payment' ? parked.transfer.payerLease.owner : parked.request.poster;

function parkedFrom(userId: string, id: string, parked: ParkedRequest): Parked {
  return isOwnRequest(parked)
    ? { kind: 'own', id, request: parkedOwnRequestFrom(id, userId, parked) }
    : { kind: 'payment', id, transfer: parkedTransferFrom(id, userId, parked) };
}

/** Past any use: its payer's lease has ended or is known gone, or its own poster has given up. */
function isRetired(parked: Parked, gone: ReadonlySet<string>, nowMs: number): boolean {
  if (parked.kind === 'own') return parked.request.giveUpAtMs <= nowMs;
  const lease = parked.transfer.payerLease;
  return lease.expiresAt * 1000 <= nowMs || gone.has(lease.owner);
}

function isApplicable(parked: Parked, nowMs: number): boolean {
  return parked.kind === 'own' || parked.transfer.payerLease.expiresAt * 1000 - LEASE_MARGIN_MS > nowMs;
}

/**
 * The batch: oldest first, as many as one transaction holds, at most one payment per payer (a payer
 * holds one lease at a time), each still applicable. `retired` are those past any use: nothing can
 * apply them any more.
 */
function batchOf(userId: string, parked: ParkedRequests, gone: ReadonlySet<string>, nowMs: number) {
  const all = [...parked].map(([id, request]) => parkedFrom(userId, id, request));
  const retired = all.filter((each) => isRetired(each, gone, nowMs));
  const payers = new Set<string>();
  const batch: Parked[] = [];
  let items = HOLDER_ITEMS;
  for (const each of all
    .filter((candidate) => !retired.includes(candidate) && isApplicable(candidate, nowMs))
    .sort((a, b) => postedAtMs(a) - postedAtMs(b))) {
    if (items + ITEMS_PER[each.kind] > TRANSACTION_ITEMS) break;
    if (each.kind === 'payment') {
      if (payers.has(each.transfer.userId)) continue;
      payers.add(each.transfer.userId);
    }
    batch.push(each);
    items += ITEMS_PER[each.kind];
  }
  return { batch, retired };
}

/** Takes retired requests out of the index, best effort: a later holder retires what this one misses. */
async function retire(userId: string, retired: readonly Parked[]): Promise<void> {
  await Promise.allSettled(retired.map((each) => unparkRequest(userId, each.id, heldBy(each))));
}

/**
 * The batch judged in order, each request on the holder's balance as the ones before it left it, so
 * the ledger's `balanceAfter` figures chain. Every request gets one record, in batch order.
 */
function judgeBatch(holder: Lease, holderBefore: BalanceState, batch: readonly Parked[]) {
  const now = new Date();
  let running = holderBefore;
  const records: TransactItem[] = [];
  const ledger: TransactItem[] = [];
  const orders: TransactItem[] = [];
  const payers: LeasedBalance[] = [];
  for (const each of batch) {
    if (each.kind === 'own') {
      const judged = judgeOwnRequest(each.request, running, holder.fence, now);
      running = judged.after ?? running;
      records.push(
        idempotencyRecordPut(holder.userId, each.request.idempotency, judged.outcome, each.request.poster),
      );
      ledger.push(...judged.ledger);
      if (judged.order) orders.push(judged.order);
      continue;
    }
    const { transfer } = each;
    const judged = judgeTransfer(transfer, transfer.payerBefore, new Map([[holder.userId, running]]));
    running = judged.payeeAfter ?? running;
    records.push(idempotencyRecordPut(transfer.userId, transfer.idempotency, judged.outcome));
    ledger.push(...judged.ledger);
    payers.push({
      lease: transfer.payerLease,
      before: transfer.payerBefore,
      after: judged.payerAfter,
      release: true,
    });
  }
  return { holderAfter: running === holderBefore ? undefined : running, records, ledger, orders, payers };
}

/** The batch with every payer's balance as the stale-balance refusal found it. */
function withCurrentPayers(batch: readonly Parked[], current: ReadonlyMap<string, BalanceState>): Parked[] {
  return batch.map((each) =>
    each.kind === 'payment'
      ? {
          ...each,
          transfer: {
            ...each.transfer,
            payerBefore: current.get(each.transfer.userId) ?? each.transfer.payerBefore,
          },
        }
      : each,
  );
}

/**
 * One batch, in one transaction fenced on the holder's lease and on every payer's (handed over by
 * the posters of payments, who hold them while they wait): the holder's balance moved by every
 * request in turn, each payer's debit, every ledger entry, each order as it ends, every request's
 * idempotency record holding its outcome (a refusal is recorded the same way), every applied
 * request's parked item taken out of the index, every payer's lock released; the holder's lock
 * stays held. A request taken back meanwhile, whose payer's lease is gone, or whose key already has
 * a record (its poster answers with that) is dropped and the rest written again. Returns the
 * holder's state as stored, or undefined when its own lease is lost or nothing could be written.
 */
async function applyBatch(
  holder: Lease,
  before: BalanceState,
  parked: ParkedRequests,
  gone: Set<string>,
): Promise<BalanceState | undefined> {
  let holderBefore = before;
  const chosen = batchOf(holder.userId, parked, gone, Date.now());
  await retire(holder.userId, chosen.retired);
  let batch = chosen.batch;
  for (let attempt = 1; attempt <= ATTEMPTS && batch.length > 0; attempt++) {
    const judged = judgeBatch(holder, holderBefore, batch);
    try {
      const stored = await writeUnderLeases({
        accounts: [
          { lease: holder, before: holderBefore, after: judged.holderAfter, release: false },
          ...judged.payers,
        ],
        items: {
          record: judged.records,
          ledger: judged.ledger,
          order: judged.orders,
          parked: batch.map((each) => appliedParkedUpdate(holder.userId, each.id, heldBy(each))),
        },
        step: `parked-requests:${attempt}`,
      });
      return stored.get(holder.userId);
    } catch (error) {
      if (error instanceof StaleBalanceError) {
        holderBefore = error.current.get(holder.userId) ?? holderBefore;
        batch = withCurrentPayers(batch, error.current);
      } else if (error instanceof LeaseLostError) {
        if (error.users.includes(holder.userId)) return undefined;
        // A lease the fence refused never comes back: its payments are retired.
        const lost = batch.filter(
          (each) => each.kind === 'payment' && error.users.includes(each.transfer.userId),
        );
        for (const each of lost) gone.add(heldBy(each));
        await retire(holder.userId, lost);
        batch = batch.filter((each) => !lost.includes(each));
      } else if (error instanceof ItemConditionFailed) {
        const refused = new Set(
          [...error.refusals('parked'), ...error.refusals('record')].map(({ position }) => position),
        );
        if (refused.size === 0) throw error;
        batch = batch.filter((_, position) => !refused.has(position));
      } else throw error;
    }
  }
  return undefined;
}

const stateOf = async (lease: Lease): Promise<BalanceState> => lease.snapshot ?? readBalance(lease.userId);

/**
 * The holder of a user's lock applies the requests parked at it (ADR 0014 and 0015), batch after
 * batch, while requests are parked, nobody queues for the lock and for at most DRAIN_MS, then
 * releases the lock. `parked` is what was parked when it took the lock; after each batch it reads
 * what has been parked since, and the lock, in one round trip.
 */
export async function applyParkedRequests(holder: Lease, parked: ParkedRequests): Promise<void> {
  const until = Date.now() + DRAIN_MS;
  try {
    let holderState: BalanceState | undefined = await stateOf(holder);
    let waiting = parked;
    let queued = false;
    const gone = new Set<string>();
    while (holderState && waiting.size > 0 && !queued && Date.now() < until) {
      holderState = await applyBatch(holder, holderState, waiting, gone);
      if (holderState) {
        const [listed, lock] = await Promise.all([
          listParkedRequests(holder.userId),
          readLockState(holder.userId),
        ]);
        waiting = listed;
        queued = !queueIsEmpty(lock);
      }
    }
  } finally {
    await releaseUserLock(holder);
  }
}
