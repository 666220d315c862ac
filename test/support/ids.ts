import { randomUUID } from 'node:crypto';

/** Every test works on users of its own, so test files can share one DynamoDB Local. */
export const newUserId = (label = 'user'): string => `${label}-${randomUUID()}`;

/** A listing symbol of this test's own (`^[A-Z0-9]{2,10}$`), so no other test's price change moves it. */
export const newAssetSymbol = (prefix = 'T'): string =>
  `${prefix}${randomUUID().replaceAll('-', '').toUpperCase()}`.slice(0, 10);
