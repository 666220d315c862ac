import { afterEach, describe, expect, it } from 'vitest';
import { readBalance } from '../../common/accounts/balance-store';
import { errorToResponse } from '../../common/http/error-mapping';
import { logger } from '../../common/observability/logger';
import { describeTaskFailure } from '../../common/orders/task-failure';
import { onDocumentClient } from '../../common/storage/client';
import { StorageUnreachableError } from '../../common/storage/storage-unreachable';
import { newUserId } from '../support/ids';

let resetsLeft = 0;
onDocumentClient((client) => {
  client.middlewareStack.add(
    (next) => async (args) => {
      if (resetsLeft > 0) {
        resetsLeft--;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'testConnectionReset' },
  );
});

describe('a DynamoDB request that gets no answer', () => {
  afterEach(() => {
    resetsLeft = 0;
  });

  it('surfaces as StorageUnreachableError, not as a bare Error that reads like a bug', async () => {
    resetsLeft = 1;
    await expect(readBalance(newUserId())).rejects.toBeInstanceOf(StorageUnreachableError);
  });

  it('is answered 503 UNAVAILABLE with Retry-After at the HTTP edge', async () => {
    resetsLeft = 1;
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
