import { afterEach, describe, expect, it } from 'vitest';
import { readBalance } from '../../common/accounts/balance-store';
import { errorToResponse } from '../../common/http/error-mapping';
import { logger } from '../../common/observability/logger';
import { describeTaskFailure } from '../../common/orders/task-failure';
import { StorageUnreachableError } from '../../common/storage/storage-unreachable';
import { newUserId } from '../support/ids';
import { resetNextStorageCalls } from '../support/storage-resets';

describe('a DynamoDB request that gets no answer', () => {
  afterEach(() => {
    resetNextStorageCalls(0);
  });

  it('surfaces as StorageUnreachableError, not as a bare Error that reads like a bug', async () => {
    resetNextStorageCalls(1);
    await expect(readBalance(newUserId())).rejects.toBeInstanceOf(StorageUnreachableError);
  });

  it('is answered 503 UNAVAILABLE with Retry-After at the HTTP edge', async () => {
    resetNextStorageCalls(1);
    const error = await readBalance(newUserId()).catch((caught: unknown) => caught);
    const response = errorToResponse(error, 'req-1', logger);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
    expect(JSON.parse(String(response.body))).toMatchObject({
      error: { code: 'UNAVAILABLE', requestId: 'req-1' },
    });
  });

  it('fails an order as a technical "service unavailable", not as an internal error', () => {
    expect(
      describeTaskFailure({ Error: 'StorageUnreachableError', Cause: 'DynamoDB did not answer' }),
    ).toMatchObject({
      business: false,
      code: 'UNAVAILABLE',
      reason: 'service unavailable',
    });
  });
});
