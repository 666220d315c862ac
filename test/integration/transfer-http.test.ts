import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotAccount } from '../support/hostile-http';
import { newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

interface TransferAnswer {
  readonly transfer?: { transferId: string; from: string; to: string; amount: string; memo?: string };
  readonly balance?: { cash: { available: string } };
  readonly error?: { code: string; message: string };
}

describe('POST /transfers through HTTP', () => {
  let api: TestApi;
  let payer: string;
  let payerToken: string;
  let payee: string;
  beforeAll(async () => {
    api = await startTestApi();
    payer = newUserId('payer');
    payee = newUserId('payee');
    payerToken = await api.tokenFor(payer);
    await api.request('POST', '/deposits', { token: payerToken, body: { amount: '100.00' } });
    await api.request('POST', '/deposits', { token: await api.tokenFor(payee), body: { amount: '1.00' } });
  });
  afterAll(() => api.stop());

  const pay = (body: unknown, headers: Record<string, string> = {}) =>
    api.request<TransferAnswer>('POST', '/transfers', { token: payerToken, body, headers });

  it('answers 201 with the transfer and the payer’s balance; the payee sees a TRANSFER_IN', async () => {
    const answer = await pay({ to: payee, amount: '25.00', memo: 'job 42' });
    expect(answer.status).toBe(201);
    expect(answer.json.transfer).toMatchObject({ from: payer, to: payee, amount: '25.00', memo: 'job 42' });
    expect(answer.json.balance?.cash.available).toBe('75.00');
    const payeeToken = await api.tokenFor(payee);
    const seen = await api.request<{ items: Array<Record<string, string>> }>('GET', '/transactions?limit=1', {
      token: payeeToken,
    });
    expect(seen.json.items[0]).toMatchObject({
      type: 'TRANSFER_IN',
      amount: '25.00',
      balanceAfter: '26.00',
      transferId: answer.json.transfer?.transferId,
      counterparty: payer,
      memo: 'job 42',
    });
  });

  it('replays a keyed transfer with Idempotent-Replayed and pays once', async () => {
    const headers = { 'idempotency-key': `pay-${payee}` };
    const first = await pay({ to: payee, amount: '1.00' }, headers);
    const again = await pay({ to: payee, amount: '1.00' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const other = await pay({ to: payee, amount: '2.00' }, headers);
    expect([other.status, other.json.error?.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it.each([
    ['not JSON', () => '{"to":'],
    ['no payee', () => ({ amount: '1.00' })],
    ['no amount', () => ({ to: payee })],
    ['an empty payee', () => ({ to: '', amount: '1.00' })],
    ['a payee that is not a string', () => ({ to: 42, amount: '1.00' })],
    ['a payee id over 128 characters', () => ({ to: 'x'.repeat(129), amount: '1.00' })],
    ['a third decimal', () => ({ to: payee, amount: '1.001' })],
    ['a negative amount', () => ({ to: payee, amount: '-1.00' })],
    ['a zero amount', () => ({ to: payee, amount: '0' })],
    ['a memo of 141 characters', () => ({ to: payee, amount: '1.00', memo: 'm'.repeat(141) })],
    ['a memo that is not a string', () => ({ to: payee, amount: '1.00', memo: 5 })],
    ['an unknown field', () => ({ to: payee, amount: '1.00', from: 'someone' })],
  ])('refuses %s with 400 VALIDATION_ERROR and changes nothing', async (_case, body) => {
    const before = await Promise.all([snapshotAccount(payer), snapshotAccount(payee)]);
    const answer = await pay(body());
    expect(answer.status).toBe(400);
    expect(answer.json.error?.code).toBe('VALIDATION_ERROR');
    expect(await Promise.all([snapshotAccount(payer), snapshotAccount(payee)])).toEqual(before);
  });

  it('accepts a memo of exactly 140 characters, counted per character', async () => {
    const answer = await pay({ to: payee, amount: '0.01', memo: '€'.repeat(140) });
    expect(answer.status).toBe(201);
  });
});
