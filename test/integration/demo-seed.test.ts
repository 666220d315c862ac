import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountReport } from '../../local/account-report';
import { seedDemoUsers } from '../../local/demo-users';
import { findFreePort } from '../../local/free-port';
import { ApiUnreachableError } from '../../local/local-api-client';
import { startTestApi, type TestApi } from '../support/local-api';

describe('npm run seed and npm run inspect', () => {
  let api: TestApi;
  const prefix = `seed-${randomUUID().slice(0, 8)}-`;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('seed gives each demo user cash, holdings and history, including a refused order', async () => {
    const calls = await seedDemoUsers(api.url, prefix);
    expect(calls.filter((call) => call.status === 422).map((call) => call.call)).toEqual([
      'POST /orders/buy BTC 1',
    ]);
    expect(calls.every((call) => !call.replayed)).toBe(true);

    const alice = await api.request('GET', '/balance', { token: await api.tokenFor(`${prefix}alice`) });
    // 9000 − 0.05 BTC × 50000 − 1 ETH × 3000 + 0.5 ETH × 3000 − 250
    expect(alice.json).toEqual({
      cash: { available: '4750.00', held: '0.00' },
      assets: {
        BTC: { available: '0.05000000', held: '0.00000000' },
        ETH: { available: '0.50000000', held: '0.00000000' },
      },
    });
  });

  it('seeding again replays the first answers and changes nothing', async () => {
    const again = await seedDemoUsers(api.url, prefix);
    expect(again.every((call) => call.replayed)).toBe(true);
    const bob = await api.request('GET', '/balance', { token: await api.tokenFor(`${prefix}bob`) });
    expect(bob.json).toMatchObject({
      cash: { available: '1650.00' },
      assets: { SOL: { available: '5.00000000' } },
    });
  });

  it('inspect prints the balance, the ledger and the orders as tables', async () => {
    const report = await accountReport(api.url, `${prefix}carol`);
    const lines = report.split('\n');
    expect(lines[0]).toBe(`${prefix}carol`);
    expect(lines).toContainEqual(expect.stringMatching(/^USD\s+200\.00\s+0\.00$/));
    expect(lines).toContainEqual(expect.stringMatching(/^SOL\s+2\.00000000\s+0\.00000000$/));
    expect(lines).toContainEqual(expect.stringMatching(/\s+DEPOSIT\s+USD\s+500\.00\s+500\.00\s*$/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /\s+BUY\s+BTC\s+1\.00000000\s+50000\.00\s+50000\.00\s+FAILED \(INSUFFICIENT_FUNDS\)\s+\w{26}$/,
      ),
    );
    expect(lines.filter((line) => /\sBUY\s+SOL\s/.test(line))).toHaveLength(2);
  });

  it('says so plainly when no API answers', async () => {
    const nobody = `http://127.0.0.1:${await findFreePort()}`;
    await expect(accountReport(nobody, 'alice')).rejects.toThrow(ApiUnreachableError);
    await expect(seedDemoUsers(nobody, prefix)).rejects.toThrow(
      /No API answers at .*start it with npm start/,
    );
  });
});
