/** Key builders for the single table; the layout is documented in table-schema.ts. */
export const ASSET_PK = 'ASSET';
export const PENDING_PK = 'PENDING';

export const userPk = (userId: string): string => `USER#${userId}`;

export const keys = {
  asset: (symbol: string) => ({ pk: ASSET_PK, sk: symbol }),
  lock: (userId: string) => ({ pk: userPk(userId), sk: 'LOCK' }),
  balance: (userId: string) => ({ pk: userPk(userId), sk: 'BALANCE' }),
  ledgerEntry: (userId: string, entryId: string) => ({ pk: userPk(userId), sk: `TX#${entryId}` }),
  order: (userId: string, orderId: string) => ({ pk: userPk(userId), sk: `ORDER#${orderId}` }),
  idempotency: (userId: string, key: string) => ({ pk: userPk(userId), sk: `IDEMPOTENCY#${key}` }),
};

export const SK_PREFIX = { ledgerEntry: 'TX#', order: 'ORDER#' } as const;
