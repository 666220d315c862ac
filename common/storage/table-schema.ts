/**
 * The one description of lockstep's single table. The CDK construct (lib/) and the local stack's
 * table creation (local/) both derive their definitions from this object, so the two cannot drift.
 *
 * Item layout (pk / sk):
 * - `ASSET` / `<SYMBOL>`                 listed asset with its price
 * - `USER#<id>` / `LOCK`                 the user's lease; `expiresAt` is the TTL attribute
 * - `USER#<id>` / `BALANCE`              every asset's available and held, with a version
 * - `USER#<id>` / `TX#<ulid>`            immutable ledger entry (newest first by sort key)
 * - `USER#<id>` / `ORDER#<ulid>`         order; while PENDING it is also in the `pending` index
 * - `USER#<id>` / `IDEMPOTENCY#<key>`    stored outcome of a keyed request; TTL-expiring
 * - `USER#<id>` / `HOLD#<ulid>`          a party's copy of a hold, for its lists
 * - `USER#<id>` / `PARKED#<request>`     a payment parked at the user's busy lock; in the `pending`
 *                                        index (`PARKED#<id>`) while parked; TTL-expiring
 * - `HOLD#<ulid>` / `HOLD`               a hold; while PENDING it is also in the `pending` index
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  pendingOrdersIndex: {
    indexName: 'pending-orders',
    partitionKey: 'pendingPk',
    sortKey: 'pendingSk',
  },
} as const;

/** The default table name locally; in AWS the name comes from the stack through `TABLE_NAME`. */
export const LOCAL_TABLE_NAME = 'lockstep';
