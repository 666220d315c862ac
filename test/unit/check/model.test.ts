import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../check/model';
import { answer, consistentOperations, lost, operation, USER } from './history-fixtures';

describe('the client-side model', () => {
  it('moves money only for acknowledged answers, by what their 201 bodies say', () => {
    const model = buildModel(consistentOperations(), [USER]);
    expect(model.problems).toEqual([]);
    // 100.00 − 50.00 − 20.00 + 20.00 USD; 0.001 − 0.0004 BTC; refusals move nothing.
    expect(model.totals.get(USER)).toEqual(
      new Map([
        ['USD', 5_000n],
        ['BTC', 60_000n],
      ]),
    );
  });

  it('ignores indeterminate operations, whose effect it cannot know', () => {
    const model = buildModel([operation(0, 'deposit', { amount: '1.00' }, [lost('timeout')])], [USER]);
    expect(model.totals.get(USER)).toEqual(new Map());
  });

  it('takes the first definite answer, even when an earlier attempt was lost', () => {
    const deposit = {
      transaction: { id: 'T1', type: 'DEPOSIT', asset: 'USD', amount: '1.25', balanceAfter: '1.25' },
    };
    const model = buildModel(
      [operation(0, 'deposit', { amount: '1.25' }, [lost('aborted'), answer(201, deposit, true)])],
      [USER],
    );
    expect(model.totals.get(USER)?.get('USD')).toBe(125n);
  });

  it('reports an acknowledgement it cannot read instead of guessing', () => {
    const model = buildModel(
      [
        operation(0, 'sell', { asset: 'BTC', quantity: '1.00000000' }, [
          answer(201, { order: { side: 'SELL' } }),
        ]),
      ],
      [USER],
    );
    expect(model.problems.map((problem) => problem.message)).toEqual([
      'the 201 body has no readable order.side and order.asset',
    ]);
  });
});
