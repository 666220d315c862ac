import type { Operation, OperationKind } from '../../../check/history';
import { ROUTE_OF } from '../../../check/history';
import type { CheckInput } from '../../../check/invariant';
import { answer, type FixtureState, READ_AT, tx } from './history-fixtures';

/**
 * A small, consistent bank history of two users, written by hand so each test can break one thing:
 * both funded; alice pays bob 10.00; of alice's holds for bob, H1 (20.00) is captured for 5.00, H2
 * (7.00) is voided by bob, H3 (3.00) is still PENDING within its expiry, and H4 (4.00) expired, so a
 * capture of it was refused; bob withdraws 15.00.
 */
export const ALICE = 'alice';
export const BOB = 'bob';

const AT = '2026-01-01T00:00:00.000Z';
const LATER = '2026-01-01T02:00:00.000Z';

export const hold = (
  holdId: string,
  amount: string,
  status: string,
  captured = '0.00',
  expiresAt = LATER,
) => ({
  holdId,
  from: ALICE,
  to: BOB,
  amount,
  captured,
  status,
  expiresAt,
  createdAt: AT,
  updatedAt: AT,
});

const payment = (
  id: string,
  userId: string,
  amount: string,
  balanceAfter: string,
  ids: Record<string, string>,
) => ({
  ...tx(id, amount.startsWith('-') ? 'TRANSFER_OUT' : 'TRANSFER_IN', 'USD', amount, balanceAfter),
  counterparty: userId === ALICE ? BOB : ALICE,
  ...ids,
});

const conflict = (code: string, requestId: string) => ({ error: { code, message: 'resolved', requestId } });

export function bankOperation(
  id: number,
  kind: OperationKind,
  userId: string,
  body: Record<string, string | number>,
  attempts: Operation['attempts'],
  target?: string,
): Operation {
  const { method, path } = ROUTE_OF[kind];
  return {
    id,
    kind,
    userId,
    key: `key-${id}`,
    method,
    path: path.replace('{id}', target ?? ''),
    body,
    attempts,
    ...(target === undefined ? {} : { target }),
  };
}

export const BANK_LEDGER = {
  aliceFund: tx('A1', 'DEPOSIT', 'USD', '100.00', '100.00'),
  aliceOut: payment('A2', ALICE, '-10.00', '90.00', { transferId: 'X1' }),
  aliceCapture: payment('A3', ALICE, '-5.00', '85.00', { transferId: 'X2', holdId: 'H1' }),
  bobFund: tx('B1', 'DEPOSIT', 'USD', '50.00', '50.00'),
  bobIn: payment('B2', BOB, '10.00', '60.00', { transferId: 'X1' }),
  bobCapture: payment('B3', BOB, '5.00', '65.00', { transferId: 'X2', holdId: 'H1' }),
  bobWithdraw: tx('B4', 'WITHDRAWAL', 'USD', '-15.00', '50.00'),
};

const placed = (id: number, holdId: string, amount: string, seconds: number, expiresAt = LATER) =>
  bankOperation(id, 'hold', ALICE, { to: BOB, amount, expiresInSeconds: seconds }, [
    answer(201, { ...hold(holdId, amount, 'PENDING', '0.00', expiresAt), expiresAt }),
  ]);

export function bankOperations(): Operation[] {
  const expired = '2026-01-01T00:00:04.000Z';
  return [
    bankOperation(0, 'fund', ALICE, { amount: '100.00' }, [
      answer(201, { transaction: BANK_LEDGER.aliceFund }),
    ]),
    bankOperation(1, 'fund', BOB, { amount: '50.00' }, [answer(201, { transaction: BANK_LEDGER.bobFund })]),
    bankOperation(2, 'transfer', ALICE, { to: BOB, amount: '10.00' }, [
      answer(201, {
        transfer: { transferId: 'X1', from: ALICE, to: BOB, amount: '10.00', createdAt: AT },
        balance: {},
      }),
    ]),
    placed(3, 'H1', '20.00', 7_200),
    bankOperation(
      4,
      'capture',
      ALICE,
      { amount: '5.00' },
      [answer(201, hold('H1', '20.00', 'CAPTURED', '5.00'))],
      'H1',
    ),
    placed(5, 'H2', '7.00', 7_200),
    bankOperation(6, 'void', BOB, {}, [answer(201, hold('H2', '7.00', 'VOIDED'))], 'H2'),
    placed(7, 'H3', '3.00', 7_200),
    placed(8, 'H4', '4.00', 4, expired),
    bankOperation(
      9,
      'capture',
      ALICE,
      {},
      [answer(409, conflict('HOLD_EXPIRED', 'r9a')), answer(409, conflict('HOLD_EXPIRED', 'r9b'))],
      'H4',
    ),
    bankOperation(10, 'withdraw', BOB, { amount: '15.00' }, [
      answer(201, { transaction: BANK_LEDGER.bobWithdraw }),
    ]),
  ];
}

export function bankStates(): [FixtureState, FixtureState] {
  const holds = [
    hold('H4', '4.00', 'EXPIRED', '0.00', '2026-01-01T00:00:04.000Z'),
    hold('H3', '3.00', 'PENDING'),
    hold('H2', '7.00', 'VOIDED'),
    hold('H1', '20.00', 'CAPTURED', '5.00'),
  ];
  return [
    {
      userId: ALICE,
      readAt: READ_AT,
      balance: { cash: { available: '82.00', held: '3.00' }, assets: {} },
      transactions: [BANK_LEDGER.aliceCapture, BANK_LEDGER.aliceOut, BANK_LEDGER.aliceFund],
      orders: [],
      holds,
    },
    {
      userId: BOB,
      readAt: READ_AT,
      balance: { cash: { available: '50.00', held: '0.00' }, assets: {} },
      transactions: [BANK_LEDGER.bobWithdraw, BANK_LEDGER.bobCapture, BANK_LEDGER.bobIn, BANK_LEDGER.bobFund],
      orders: [],
      holds,
    },
  ];
}

export function bankInput(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    operations: bankOperations(),
    userIds: [ALICE, BOB],
    finalStates: bankStates(),
    serverFaults: false,
    ordersExcluded: { reason: '--bank', requested: true },
    ...overrides,
  };
}
