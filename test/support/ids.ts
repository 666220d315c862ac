import { randomUUID } from 'node:crypto';

/** Every test works on users of its own, so test files can share one DynamoDB Local. */
export const newUserId = (label = 'user'): string => `${label}-${randomUUID()}`;
