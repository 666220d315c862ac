import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import {
  isTransientFailure,
  NETWORK_ERROR_CODES,
  transientFailures,
} from '../../../common/failures/transient-failures';
import { errorToResponse } from '../../../common/http/error-mapping';
import { describeTaskFailure } from '../../../common/orders/task-failure';

const silent = new Logger({ logLevel: 'SILENT' });
const named = (name: string): Error => Object.assign(new Error('boom'), { name });
const allNames = Object.values(transientFailures).flat();

describe('the one list of transient failures', () => {
  it.each(allNames)('%s is answered 503 UNAVAILABLE at the HTTP edge', (name) => {
    expect(errorToResponse(named(name), 'req-1', silent).statusCode).toBe(503);
  });

  it.each([...NETWORK_ERROR_CODES])('a bare network failure %s is answered 503 too', (code) => {
    expect(errorToResponse(Object.assign(new Error('socket'), { code }), 'req-1', silent).statusCode).toBe(
      503,
    );
  });

  it.each(allNames)('%s gives a rolled-back order a named technical reason', (name) => {
    const failure = describeTaskFailure({ Error: name, Cause: 'boom' });
    expect(failure).toMatchObject({ business: false, code: 'UNAVAILABLE' });
    expect(failure.reason).not.toBe('technical failure');
  });

  it('leaves out what is not transient: a bug, or a business refusal', () => {
    for (const error of [new TypeError('x'), named('InsufficientFundsError'), undefined, 'text']) {
      expect(isTransientFailure(error)).toBe(false);
    }
    expect(errorToResponse(new TypeError('x'), 'req-1', silent).statusCode).toBe(500);
  });
});
