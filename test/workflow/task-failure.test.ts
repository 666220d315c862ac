import { describe, expect, it } from 'vitest';
import { describeTaskFailure } from '../../common/orders/task-failure';

const awsCause = (errorType: string, errorMessage: string) =>
  JSON.stringify({
    errorType,
    errorMessage,
    trace: [`${errorType}: ${errorMessage}`, '    at reserveOrder'],
  });

describe('what Rollback makes of $.error', () => {
  it('reads a business failure from the JSON cause Lambda reports in AWS', () => {
    const message = 'Insufficient funds: available 1.00 USD, required 2.00 USD';
    expect(
      describeTaskFailure({
        Error: 'InsufficientFundsError',
        Cause: awsCause('InsufficientFundsError', message),
      }),
    ).toEqual({
      name: 'InsufficientFundsError',
      message,
      code: 'INSUFFICIENT_FUNDS',
      business: true,
      reason: 'INSUFFICIENT_FUNDS',
    });
  });

  it('reads the same from the bare message the local runner passes', () => {
    const message = 'Insufficient BTC: available 0.00000000 BTC, required 0.01000000 BTC';
    expect(describeTaskFailure({ Error: 'InsufficientAssetError', Cause: message })).toMatchObject({
      message,
      code: 'INSUFFICIENT_ASSET',
      business: true,
    });
  });

  it.each([
    ['States.Timeout', 'UNAVAILABLE', 'timeout'],
    ['LeaseLostError', 'UNAVAILABLE', 'lease lost'],
    ['ConditionsFailed', 'UNAVAILABLE', 'conflict'],
    ['ItemConditionFailed', 'UNAVAILABLE', 'conflict'],
    ['ProvisionedThroughputExceededException', 'UNAVAILABLE', 'throttled'],
    ['Lambda.TooManyRequestsException', 'UNAVAILABLE', 'throttled'],
    ['Lambda.ServiceException', 'UNAVAILABLE', 'service unavailable'],
    ['Sandbox.Timedout', 'UNAVAILABLE', 'technical failure'],
    ['TypeError', 'INTERNAL', 'internal error'],
    ['Error', 'INTERNAL', 'internal error'],
  ])('%s is technical: %s, reason "%s"', (name, code, reason) => {
    expect(describeTaskFailure({ Error: name, Cause: awsCause(name, 'boom') })).toMatchObject({
      name,
      message: 'boom',
      code,
      business: false,
      reason,
    });
  });

  it('never trusts the message to decide: a business-looking message under a technical name is technical', () => {
    expect(
      describeTaskFailure({ Error: 'Error', Cause: 'Insufficient funds: available 1.00 USD' }),
    ).toMatchObject({
      business: false,
      code: 'INTERNAL',
    });
  });

  it('copes with a missing or odd error', () => {
    expect(describeTaskFailure(undefined)).toMatchObject({
      name: 'Unknown',
      business: false,
      code: 'UNAVAILABLE',
    });
    expect(describeTaskFailure({ Error: 'X', Cause: { message: 'object cause' } })).toMatchObject({
      message: 'object cause',
    });
    expect(describeTaskFailure({ Error: 'X', Cause: '[1,2]' })).toMatchObject({ message: '[1,2]' });
  });
});
