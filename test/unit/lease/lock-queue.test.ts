import { describe, expect, it } from 'vitest';
import {
  claimFor,
  DEFAULT_HOLD_MS,
  HAND_OFF_GRACE_MS,
  type LockState,
  lockStateFromItem,
  nextLookInMs,
  PASS_OVER_STAGGER_MS,
  queueIsEmpty,
  retryAfterMs,
  speculativeClaim,
  waitersAhead,
} from '../../../common/lease/lock-queue';

const NOW = 1_800_000_000_000;
const nowSeconds = Math.floor(NOW / 1000);

/** Held until 10 s from now, since 5 ms ago; tickets 1..4 issued, none served. */
const held = (overrides: Partial<LockState> = {}): LockState => ({
  exists: true,
  expiresAt: nowSeconds + 10,
  fence: 100,
  ticketsIssued: 4,
  servedThrough: 0,
  withdrawn: [],
  freeFromMs: (nowSeconds + 10) * 1000,
  acquiredAtMs: NOW - 5,
  lastHoldMs: 8,
  ...overrides,
});

/** Released `agoMs` ago. */
const freed = (agoMs: number, overrides: Partial<LockState> = {}): LockState =>
  held({ expiresAt: Math.floor((NOW - agoMs) / 1000), freeFromMs: NOW - agoMs, ...overrides });

describe('waitersAhead', () => {
  it('counts the unserved tickets before this one, passing over withdrawn ones', () => {
    expect(waitersAhead(held(), 1)).toBe(0);
    expect(waitersAhead(held(), 4)).toBe(3);
    expect(waitersAhead(held({ withdrawn: [2, 3] }), 4)).toBe(1);
    expect(waitersAhead(held({ servedThrough: 2, withdrawn: [1, 3] }), 4)).toBe(0);
    expect(waitersAhead(held({ servedThrough: 5 }), 4)).toBe(0);
  });
});

describe('claimFor', () => {
  it('claims nothing while the lock is held, whatever the ticket', () => {
    for (const ticket of [1, 2, 4]) expect(claimFor(held(), ticket, NOW)).toBeUndefined();
  });

  it('gives a free lock to the first ticket in line, conditioned on the queue it saw', () => {
    expect(claimFor(freed(1), 1, NOW)).toEqual({ kind: 'turn', ticket: 1, seenServedThrough: 0, passes: [] });
    expect(claimFor(freed(1), 2, NOW)).toBeUndefined();
  });

  it('lets the first live ticket go when every ticket before it was withdrawn, and prunes them', () => {
    expect(claimFor(freed(1, { withdrawn: [1, 2] }), 3, NOW)).toEqual({
      kind: 'turn',
      ticket: 3,
      seenServedThrough: 0,
      passes: [1, 2],
    });
  });

  it('lets a waiter pass over a silent turn-holder only after the grace, the nearest one first', () => {
    expect(claimFor(freed(HAND_OFF_GRACE_MS - 1), 2, NOW)).toBeUndefined();
    expect(claimFor(freed(HAND_OFF_GRACE_MS), 2, NOW)).toMatchObject({ kind: 'skip', ticket: 2 });
    // Two waiters ahead of ticket 3: it waits one stagger longer than ticket 2.
    expect(claimFor(freed(HAND_OFF_GRACE_MS), 3, NOW)).toBeUndefined();
    expect(claimFor(freed(HAND_OFF_GRACE_MS + PASS_OVER_STAGGER_MS), 3, NOW)).toMatchObject({
      kind: 'skip',
      ticket: 3,
      seenServedThrough: 0,
      freeSinceMs: NOW - HAND_OFF_GRACE_MS - PASS_OVER_STAGGER_MS,
    });
  });

  it('lets a ticket that was passed over take any free lock', () => {
    expect(claimFor(freed(1, { servedThrough: 3 }), 2, NOW)).toEqual({ kind: 'overdue', ticket: 2 });
    expect(claimFor(held({ servedThrough: 3 }), 2, NOW)).toBeUndefined();
  });

  it('treats a missing lock item as free', () => {
    expect(claimFor(lockStateFromItem(undefined), 1, NOW)).toBeDefined();
  });
});

describe('speculativeClaim', () => {
  it('is sent by the turn-holder once the hold should be over, and by nobody else', () => {
    const running = held({ acquiredAtMs: NOW - 8, lastHoldMs: 8 });
    expect(speculativeClaim(running, 1, NOW)).toEqual({
      kind: 'turn',
      ticket: 1,
      seenServedThrough: 0,
      passes: [],
    });
    expect(speculativeClaim(running, 2, NOW)).toBeUndefined();
    expect(speculativeClaim(held({ acquiredAtMs: NOW - 7, lastHoldMs: 8 }), 1, NOW)).toBeUndefined();
    expect(speculativeClaim(freed(1), 1, NOW)).toBeUndefined();
  });
});

describe('nextLookInMs', () => {
  it('has the turn-holder look again when the hold should end, and sparingly once it overruns', () => {
    expect(nextLookInMs(held({ acquiredAtMs: NOW - 2, lastHoldMs: 8 }), 1, NOW)).toBe(6);
    expect(nextLookInMs(held({ acquiredAtMs: NOW - 80, lastHoldMs: 8 }), 1, NOW)).toBe(20);
    expect(nextLookInMs(held({ acquiredAtMs: NOW - 10_000, lastHoldMs: 8 }), 1, NOW)).toBe(50);
  });

  it('lets waiters further back sleep through part of the holds ahead, up to a second', () => {
    const fourAhead = nextLookInMs(held({ ticketsIssued: 5, lastHoldMs: 100 }), 5, NOW);
    expect(fourAhead).toBeGreaterThan(100);
    expect(fourAhead).toBeLessThan(400);
    expect(nextLookInMs(held({ ticketsIssued: 60, lastHoldMs: 100 }), 60, NOW)).toBe(1_000);
    // The queue moved slower than the recorded hold: the waiter goes by what it saw.
    expect(nextLookInMs(held({ ticketsIssued: 5, lastHoldMs: 10 }), 5, NOW, 100)).toBe(fourAhead);
    expect(nextLookInMs(held({ lastHoldMs: undefined }), 2, NOW)).toBeGreaterThanOrEqual(DEFAULT_HOLD_MS / 4);
  });

  it('has a waiter behind a silent turn-holder look again when it may pass over', () => {
    expect(nextLookInMs(freed(100), 2, NOW)).toBeLessThanOrEqual(HAND_OFF_GRACE_MS - 100);
  });
});

describe('retryAfterMs', () => {
  it('is the rest of the current hold plus one hold per waiter ahead, once the lock changed hands', () => {
    const state = held({
      fence: 110,
      servedThrough: 6,
      ticketsIssued: 12,
      acquiredAtMs: NOW - 30,
      lastHoldMs: 100,
    });
    const observation = { first: { atMs: NOW - 1_000, fence: 100 }, last: { atMs: NOW, state } };
    // Tickets 7 and 8 are ahead of ticket 9; the holder is 30 ms into a hold of 100 ms.
    expect(retryAfterMs(observation, 9)).toBe(70 + 2 * 100);
    // No hold recorded yet: 10 hand-offs in 1 s make 100 ms each.
    expect(
      retryAfterMs({ ...observation, last: { atMs: NOW, state: { ...state, lastHoldMs: undefined } } }, 9),
    ).toBe(270);
  });

  it('is the holder’s remaining lease, then the queue ahead, when the lock never changed hands', () => {
    const state = held({ expiresAt: nowSeconds + 3, lastHoldMs: 200 });
    const observation = { first: { atMs: NOW - 1_000, fence: 100 }, last: { atMs: NOW, state } };
    expect(retryAfterMs(observation, 2)).toBe(3_000 + 200);
    expect(retryAfterMs(observation, undefined)).toBe(3_000);
  });
});

describe('lockStateFromItem', () => {
  it('reads the queue from a stored item, numbers wrapped and the withdrawn set sorted', () => {
    const state = lockStateFromItem({
      pk: 'USER#u',
      expiresAt: { value: '1800000010' },
      fence: { value: '7' },
      ticketsIssued: { value: '9' },
      servedThrough: { value: '4' },
      withdrawn: new Set([{ value: '8' }, { value: '6' }]),
      freeFromMs: { value: '1800000010000' },
      holderKey: 'key-1',
    });
    expect(state).toEqual({
      exists: true,
      expiresAt: 1_800_000_010,
      fence: 7,
      ticketsIssued: 9,
      servedThrough: 4,
      withdrawn: [6, 8],
      freeFromMs: 1_800_000_010_000,
      holderKey: 'key-1',
    });
  });
});

describe('queueIsEmpty', () => {
  it('is true when every ticket taken was served, or withdrawn unserved, and false while one waits', () => {
    expect(queueIsEmpty(held({ ticketsIssued: 4, servedThrough: 4 }))).toBe(true);
    expect(queueIsEmpty(held({ ticketsIssued: 4, servedThrough: 2, withdrawn: [3, 4] }))).toBe(true);
    expect(queueIsEmpty(held({ ticketsIssued: 4, servedThrough: 2, withdrawn: [3] }))).toBe(false);
    expect(queueIsEmpty(lockStateFromItem(undefined))).toBe(true);
  });

  it('gives a poster, who holds no ticket, a claim that passes over withdrawn tickets only', () => {
    const drained = freed(1, { ticketsIssued: 4, servedThrough: 2, withdrawn: [3, 4] });
    expect(claimFor(drained, drained.ticketsIssued, NOW)).toMatchObject({
      kind: 'turn',
      ticket: 4,
      passes: [3],
    });
  });
});
