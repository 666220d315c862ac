/** Key builders for the single table; the layout is documented in table-schema.ts. */
export const ASSET_PK = 'ASSET';
export const PENDING_PK = 'PENDING';
/** The `pending-orders` index also lists PENDING holds by expiry, under this partition value. */
export const PENDING_HOLD_PK = 'PENDING_HOLD';

/** The `pending-orders` index also lists each asset's OPEN limit orders, oldest first, under this value. */
export const openOrdersPk = (asset: string): string => `OPEN_ORDER#${asset}`;

export const userPk = (userId: string): string => `USER#${userId}`;

export const keys = {
  asset: (symbol: string) => ({ pk: ASSET_PK, sk: symbol }),
  lock: (userId: string) => ({ pk: userPk(userId), sk: 'LOCK' }),
  balance: (userId: string) => ({ pk: userPk(userId), sk: 'BALANCE' }),
  ledgerEntry: (userId: string, entryId: string) => ({ pk: userPk(userId), sk: `TX#${entryId}` }),
  order: (userId: string, orderId: string) => ({ pk: userPk(userId), sk: `ORDER#${orderId}` }),
  idempotency: (userId: string, key: string) => ({ pk: userPk(userId), sk: `IDEMPOTENCY#${key}` }),
  /** A hold names two users (payer and payee), so it lives under its own id; each party lists a copy. */
  hold: (holdId: string) => ({ pk: `HOLD#${holdId}`, sk: 'HOLD' }),
  holdCopy: (userId: string, holdId: string) => ({ pk: userPk(userId), sk: `HOLD#${holdId}` }),
};

export const SK_PREFIX = { ledgerEntry: 'TX#', order: 'ORDER#', hold: 'HOLD#', parked: 'PARKED#' } as const;
