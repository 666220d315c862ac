import { readInt } from '../storage/numbers';
import type { StoredItem } from '../storage/transact';

/**
 * The wait queue on the lock item, as a ticket lock (Mellor-Crummey and Scott's ticket lock, kept in
 * DynamoDB instead of memory). A request that finds the lock held takes a ticket (`ticketsIssued`
 * + 1) and waits by reading the item; only the waiter whose turn it is, the one after
 * `servedThrough` once withdrawn tickets are passed over, may take the lock while others wait.
 * Everything here is pure: what a waiter may do, and when to look again, given what it read.
 */
export interface LockState {
  /** False when the item is absent (never written, or deleted by TTL): the lock is free, the queue empty. */
  readonly exists: boolean;
  /** The lease's end in epoch seconds; the lock is free from then on. */
  readonly expiresAt: number;
  readonly fence: number;
  readonly holderKey?: string;
  /** The user whose lock the holder waits on while it holds this one (see `AcquireOptions`). */
  readonly waitsFor?: string;
  readonly ticketsIssued: number;
  readonly servedThrough: number;
  /** Tickets whose waiters gave up; the queue passes over them. */
  readonly withdrawn: readonly number[];
  /** When the lock became free (the release) or will at the latest (the lease's end), in ms. */
  readonly freeFromMs?: number;
  readonly acquiredAtMs?: number;
  /** How long the last holder kept the lock, in ms: the waiters' estimate of one hold. */
  readonly lastHoldMs?: number;
}

/**
 * How long the waiter whose turn it is has to take a free lock before the next waiter behind it may
 * pass it over. It covers the turn-holder's polling interval and a slow round trip many times over
 * (`freeFromMs` is stamped when the release is sent, not when it lands); it bounds how long a waiter
 * that died (a crashed Lambda) keeps a free lock idle. A waiter that gives up withdraws its ticket
 * and costs no grace at all.
 */
export const HAND_OFF_GRACE_MS = 500;
/**
 * Each further waiter back waits this much longer before it may pass over, so the nearest one does
 * it alone instead of every waiter at once, and the queue behind keeps its order.
 */
export const PASS_OVER_STAGGER_MS = 25;
/** Assumed length of one hold before any holder has recorded one. */
export const DEFAULT_HOLD_MS = 20;
/** The waiter whose turn is next looks this often at most, and at least this often while a hold runs long. */
const TURN_POLL_MIN_MS = 2;
const TURN_POLL_MAX_MS = 25;
const OVERRUN_POLL_MAX_MS = 50;
/** A hold that runs past its estimate is looked at again after this share of its age so far. */
const OVERRUN_POLL_SHARE = 1 / 4;
/** Waiters further back sleep through part of the holds ahead of them, and look again. */
const QUEUE_POLL_MIN_MS = 5;
const QUEUE_POLL_MAX_MS = 1_000;
const QUEUE_SLEEP_SHARE = 0.6;

const readOptionalInt = (stored: unknown): number | undefined =>
  stored === undefined || stored === null ? undefined : readInt(stored);

export function lockStateFromItem(item: StoredItem | undefined): LockState {
  if (!item)
    return { exists: false, expiresAt: 0, fence: 0, ticketsIssued: 0, servedThrough: 0, withdrawn: [] };
  const withdrawn = item.withdrawn instanceof Set ? [...item.withdrawn].map((value) => readInt(value)) : [];
  const holderKey = typeof item.holderKey === 'string' ? item.holderKey : undefined;
  const waitsFor = typeof item.waitsFor === 'string' ? item.waitsFor : undefined;
  const freeFromMs = readOptionalInt(item.freeFromMs);
  const acquiredAtMs = readOptionalInt(item.acquiredAtMs);
  const lastHoldMs = readOptionalInt(item.lastHoldMs);
  return {
    exists: true,
    expiresAt: readInt(item.expiresAt, 0),
    fence: readInt(item.fence, 0),
    ticketsIssued: readInt(item.ticketsIssued, 0),
    servedThrough: readInt(item.servedThrough, 0),
    withdrawn: withdrawn.sort((a, b) => a - b),
    ...(holderKey === undefined ? {} : { holderKey }),
    ...(waitsFor === undefined ? {} : { waitsFor }),
    ...(freeFromMs === undefined ? {} : { freeFromMs }),
    ...(acquiredAtMs === undefined ? {} : { acquiredAtMs }),
    ...(lastHoldMs === undefined ? {} : { lastHoldMs }),
  };
}

export const isFree = (state: LockState, nowMs: number): boolean =>
  !state.exists || state.expiresAt <= Math.floor(nowMs / 1000);

/** Waiting tickets before `ticket` that have neither been served nor withdrawn. */
export function waitersAhead(state: LockState, ticket: number): number {
  if (ticket <= state.servedThrough) return 0;
  const between = ticket - state.servedThrough - 1;
  const withdrawnBetween = state.withdrawn.filter((t) => t > state.servedThrough && t < ticket).length;
  return between - withdrawnBetween;
}

/**
 * How a waiter holding `ticket` may take the lock now, if at all:
 * - `overdue`: its turn came and went (it was passed over while slow); it may take a free lock any time;
 * - `turn`: every ticket before it is served or withdrawn; it takes the lock and moves the queue on;
 * - `skip`: the lock has been free for longer than the grace while the turn-holder stayed silent;
 *   this waiter takes it and passes over every ticket before its own.
 * A `turn` or `skip` claim is conditioned on the `servedThrough` it saw, so two waiters can never both
 * move the queue; the lock's own free condition still decides who holds it.
 */
export type Claim =
  | { readonly kind: 'overdue'; readonly ticket: number }
  | {
      readonly kind: 'turn' | 'skip';
      readonly ticket: number;
      readonly seenServedThrough: number;
      /** Withdrawn tickets the claim passes, pruned from the set in the same write. */
      readonly passes: readonly number[];
      /** For a skip: the lock must have been free since at least this time. */
      readonly freeSinceMs?: number;
    };

export function claimFor(state: LockState, ticket: number, nowMs: number): Claim | undefined {
  if (!isFree(state, nowMs)) return undefined;
  if (ticket <= state.servedThrough) return { kind: 'overdue', ticket };
  const passes = state.withdrawn.filter((t) => t < ticket);
  const base = { ticket, seenServedThrough: state.servedThrough, passes };
  if (waitersAhead(state, ticket) === 0) return { kind: 'turn', ...base };
  const edge = nowMs - passOverAfterMs(state, ticket);
  if (freeSinceMs(state) <= edge) return { kind: 'skip', ...base, freeSinceMs: edge };
  return undefined;
}

/** How long the lock must have stood free before this ticket may pass over the waiters ahead of it. */
const passOverAfterMs = (state: LockState, ticket: number): number =>
  HAND_OFF_GRACE_MS + (waitersAhead(state, ticket) - 1) * PASS_OVER_STAGGER_MS;

/**
 * The claim the turn-holder sends, instead of a read, once the hold it last saw should be over: on
 * success it saves the read's round trip from every hand-off; on failure its ALL_OLD answer is the
 * read. The caller sends it once per hold (per fence), so a long hold costs one write, then reads.
 */
export function speculativeClaim(state: LockState, ticket: number, nowMs: number): Claim | undefined {
  if (isFree(state, nowMs) || ticket <= state.servedThrough || waitersAhead(state, ticket) > 0)
    return undefined;
  if (state.acquiredAtMs === undefined || nowMs < state.acquiredAtMs + holdEstimateMs(state))
    return undefined;
  return {
    kind: 'turn',
    ticket,
    seenServedThrough: state.servedThrough,
    passes: state.withdrawn.filter((t) => t < ticket),
  };
}

/** A lock item written before the queue existed has no `freeFromMs`; its lease's end stands in. */
const freeSinceMs = (state: LockState): number => state.freeFromMs ?? state.expiresAt * 1000;

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

export const holdEstimateMs = (state: LockState): number => state.lastHoldMs ?? DEFAULT_HOLD_MS;

/**
 * How long a waiter sleeps before it reads the lock again. The one whose turn is next reads often,
 * timed to the holder's expected end and more sparingly as a hold overruns it; waiters further back
 * sleep through 60 % of the holds ahead of them (a hold being the last one recorded, or the time one
 * hand-off took while this waiter watched, if longer), so reads stay few however long the queue.
 * A waiter that may soon pass over a silent turn-holder looks again when the grace has run out.
 */
export function nextLookInMs(state: LockState, ticket: number, nowMs: number, handOffMs?: number): number {
  // Behind the turn-holder, what counts is how fast the queue moves, gaps included, as this waiter saw it.
  const hold = Math.max(holdEstimateMs(state), handOffMs ?? 0);
  const ahead = waitersAhead(state, ticket);
  if (isFree(state, nowMs)) {
    // Free, but not ours to take yet: the turn-holder is about to claim it, or is dead.
    const graceEnds = freeSinceMs(state) + passOverAfterMs(state, ticket) - nowMs;
    return clamp(Math.min(graceEnds, ahead * hold * QUEUE_SLEEP_SHARE), TURN_POLL_MIN_MS, QUEUE_POLL_MAX_MS);
  }
  if (ahead === 0) {
    const heldFor = state.acquiredAtMs === undefined ? 0 : nowMs - state.acquiredAtMs;
    const expectedRest = holdEstimateMs(state) - heldFor;
    return expectedRest > 0
      ? clamp(expectedRest, TURN_POLL_MIN_MS, TURN_POLL_MAX_MS)
      : clamp(heldFor * OVERRUN_POLL_SHARE, TURN_POLL_MIN_MS, OVERRUN_POLL_MAX_MS);
  }
  return clamp(ahead * hold * QUEUE_SLEEP_SHARE, QUEUE_POLL_MIN_MS, QUEUE_POLL_MAX_MS);
}

/** The time one hand-off took while the waiter watched, once it has seen one. */
export function observedHandOffMs(observation: WaitObservation): number | undefined {
  const handOffs = observation.last.state.fence - observation.first.fence;
  return handOffs > 0 ? (observation.last.atMs - observation.first.atMs) / handOffs : undefined;
}

/** What a waiter saw of the lock while it waited: the first and the last reading, with their times. */
export interface WaitObservation {
  readonly first: { readonly atMs: number; readonly fence: number };
  readonly last: { readonly atMs: number; readonly state: LockState };
}

/**
 * An honest Retry-After for a waiter that gives up, from what it saw rather than the longest lease.
 * If the lock changed hands while it waited, holders are alive: the rest of the current hold and
 * one hold for each waiter still ahead, a hold being the last one recorded (else the time one
 * hand-off took while it waited). If the lock never changed hands, the holder may have crashed:
 * its remaining lease, then the waiters ahead.
 */
export function retryAfterMs(observation: WaitObservation, ticket: number | undefined): number {
  const { last } = observation;
  const state = last.state;
  const ahead = ticket === undefined ? 0 : waitersAhead(state, ticket);
  const handOff = observedHandOffMs(observation);
  if (handOff !== undefined) {
    const hold = state.lastHoldMs ?? handOff;
    const heldFor = state.acquiredAtMs === undefined ? 0 : last.atMs - state.acquiredAtMs;
    return Math.max(0, hold - heldFor) + ahead * hold;
  }
  const leaseLeft = Math.max(0, state.expiresAt * 1000 - last.atMs);
  return leaseLeft + ahead * holdEstimateMs(state);
}

/** Every ticket taken has been served or withdrawn: nobody queues for the lock. */
export const queueIsEmpty = (state: LockState): boolean => waitersAhead(state, state.ticketsIssued + 1) === 0;
