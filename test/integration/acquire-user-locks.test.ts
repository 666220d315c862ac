import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../../common/errors';
import { acquireUserLocks } from '../../common/lease/acquire-user-locks';
import { acquireUserLock, releaseUserLock } from '../../common/lease/user-lock';
import { documentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import { readInt } from '../../common/storage/numbers';
import { countDynamoDbRequests } from '../../common/storage/request-counter';
import { newUserId } from '../support/ids';

const counter = countDynamoDbRequests();

/** Two users whose ids sort as named: `low` before `high`. */
const pair = () => ({ low: newUserId('a'), high: newUserId('b') });

/** The fence of the lease now holding the user's lock, or undefined when it is free. */
async function currentHolderFence(userId: string): Promise<number | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.lock(userId), ConsistentRead: true }),
  );
  const held = Item?.owner !== undefined && readInt(Item.expiresAt, 0) > Date.now() / 1000;
  return held ? readInt(Item?.fence) : undefined;
}

async function untilHeld(userId: string): Promise<number> {
  for (;;) {
    const fence = await currentHolderFence(userId);
    if (fence !== undefined) return fence;
    await sleep(10);
  }
}

describe('taking several users’ locks', () => {
  it('takes free locks in one round trip, and returns the leases in the order asked', async () => {
    const { low, high } = pair();
    counter.reset();
    const [forHigh, forLow] = await acquireUserLocks([
      { userId: high, purpose: 'transfer' },
      { userId: low, purpose: 'transfer' },
    ]);
    expect([forHigh?.userId, forLow?.userId]).toEqual([high, low]);
    expect(counter.sequential()).toBe(1);
    expect(Object.fromEntries(counter.counts)).toEqual({ UpdateItem: 2 });
  });

  it('keeps the lower-id lease while it waits for the higher one', async () => {
    const { low, high } = pair();
    const other = await acquireUserLock(high, 'order');
    const taking = acquireUserLocks([
      { userId: high, purpose: 'transfer' },
      { userId: low, purpose: 'transfer' },
    ]);
    const heldWhileWaiting = await untilHeld(low);
    await releaseUserLock(other);
    const [, forLow] = await taking;
    // The very lease taken at first, not one given up and taken again.
    expect(forLow?.fence).toBe(heldWhileWaiting);
  });

  it('lets go of the higher-id lease while it waits for the lower one, then takes both', async () => {
    const { low, high } = pair();
    const other = await acquireUserLock(low, 'order');
    const taking = acquireUserLocks([
      { userId: low, purpose: 'transfer' },
      { userId: high, purpose: 'transfer' },
    ]);
    // A waiter holding `high` while waiting for `low` would keep this acquire waiting past its budget.
    const meanwhile = await acquireUserLock(high, 'deposit');
    await releaseUserLock(meanwhile);
    await releaseUserLock(other);
    const leases = await taking;
    expect(leases.map((lease) => lease.userId)).toEqual([low, high]);
    expect(await currentHolderFence(high)).toBe(leases[1]?.fence);
  });

  it('past the budget throws LOCKED with a retry time and holds nothing', async () => {
    const { low, high } = pair();
    await acquireUserLock(high, 'order');
    const taking = acquireUserLocks(
      [
        { userId: low, purpose: 'transfer' },
        { userId: high, purpose: 'transfer' },
      ],
      150,
    );
    await expect(taking).rejects.toBeInstanceOf(LockedError);
    await expect(taking).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(await currentHolderFence(low)).toBeUndefined();
  });
});
