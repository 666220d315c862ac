import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient, tableName } from '../../common/storage/client';
import { keys } from '../../common/storage/keys';
import { forgeToken } from '../support/hostile-tokens';
import { newAssetSymbol, newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
const listedSymbols = async (token: string): Promise<string[]> =>
  (await api.request<{ items: Array<{ asset: string }> }>('GET', '/assets', { token })).json.items.map(
    (item) => item.asset,
  );

describe('the admin group, over HTTP', () => {
  it.each([[['admin,x']], [['"admin"']], [['x,admin', 'other']], [['[admin]']]])(
    'a signed token whose groups are %j may not list an asset (403), and nothing is listed',
    async (groups) => {
      const token = await forgeToken(newUserId('not-admin'), { claims: { 'cognito:groups': groups } });
      const symbol = newAssetSymbol('AG');
      const put = await api.request<ErrorBody>('PUT', `/assets/${symbol}`, {
        token,
        body: { price: '1.00' },
      });
      expect(put.status, put.text).toBe(403);
      expect(put.json.error.code).toBe('FORBIDDEN');
      expect(await listedSymbols(token)).not.toContain(symbol);
    },
  );

  it('a token whose groups include "admin" among others may list one', async () => {
    const sub = newUserId('admin-among-others');
    const token = await forgeToken(sub, { claims: { 'cognito:groups': ['other', 'admin'] } });
    const symbol = newAssetSymbol('AG');
    const put = await api.request('PUT', `/assets/${symbol}`, { token, body: { price: '1.00' } });
    expect(put.status, put.text).toBe(200);
  });

  it('a group name with whitespace, which Cognito never issues, is refused locally (401)', async () => {
    const token = await forgeToken(newUserId('spaced-group'), { claims: { 'cognito:groups': ['x admin'] } });
    const put = await api.request<ErrorBody>('PUT', `/assets/${newAssetSymbol('AG')}`, {
      token,
      body: { price: '1.00' },
    });
    expect(put.status).toBe(401);
  });
});

describe('the cash symbol is reserved', () => {
  it('PUT /assets/USD is refused with 422 RESERVED_SYMBOL and USD is not listed', async () => {
    const admin = await api.tokenFor(newUserId('reserved-admin'), { admin: true });
    const put = await api.request<ErrorBody>('PUT', '/assets/USD', {
      token: admin,
      body: { price: '1.00', name: 'US dollar' },
    });
    expect(put.status, put.text).toBe(422);
    expect(put.json.error).toEqual({
      code: 'RESERVED_SYMBOL',
      message: 'USD is the cash currency that prices are quoted in, so it cannot be listed as an asset.',
      requestId: expect.any(String),
    });
    expect(await listedSymbols(admin)).not.toContain('USD');
  });

  it('a USD listing stored before the refusal existed is neither listed nor tradable', async () => {
    const token = await api.tokenFor(newUserId('reserved-trader'));
    expect((await api.request('POST', '/deposits', { token, body: { amount: '10.00' } })).status).toBe(201);
    const item = { ...keys.asset('USD'), asset: 'USD', name: 'US dollar', price: '1.00' };
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: item }));
    try {
      expect(await listedSymbols(token)).not.toContain('USD');
      const buy = await api.request<ErrorBody>('POST', '/orders/buy', {
        token,
        body: { asset: 'USD', quantity: '1' },
      });
      expect(buy.status).toBe(422);
      expect(buy.json.error.code).toBe('UNKNOWN_ASSET');
    } finally {
      await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.asset('USD') }));
    }
  });
});
