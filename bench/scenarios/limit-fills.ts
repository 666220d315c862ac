import { listAsset } from '../../common/assets/asset-catalog';
import { fillSatisfiedOrders } from '../../common/limit-orders/fill-open-orders';
import type { RequestCounter } from '../../common/storage/request-counter';
import type { ApiClient, BenchUser } from '../clients/api-client';
import { newBenchUser, runId } from '../clients/bench-user';

export interface LimitFillsResult {
  /** Open orders, one per user, that the one price change satisfied. */
  readonly orders: number;
  readonly filled: number;
  /** Wall time of the fill pass, from the price read to the last fill. */
  readonly passMs: number;
  readonly ordersPerSecond: number;
  /** DynamoDB requests of the whole pass, by operation, and per filled order. */
  readonly requests: Readonly<Record<string, number>>;
  readonly requestsPerOrder: number;
  /** Every user's balance is what the fill price makes it, to the cent. */
  readonly balancesExact: boolean;
}

const SETUP_CONCURRENCY = 16;

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += SETUP_CONCURRENCY) {
    results.push(...(await Promise.all(items.slice(start, start + SETUP_CONCURRENCY).map(run))));
  }
  return results;
}

async function expect201(client: ApiClient, user: BenchUser, path: string, body: unknown): Promise<void> {
  const answer = await client.send(user, { method: 'POST', path, body });
  if (answer.status !== 201)
    throw new Error(`POST ${path} for ${user.userId}: ${answer.status} ${answer.body}`);
}

/**
 * `orders` users each rest one LIMIT buy of 0.03 at 100.00 on an asset of this run, listed at 120.00;
 * then the price moves to 90.01 and the fill pass that a price change runs (FillOrders in AWS) is
 * timed and its DynamoDB requests counted. The price is set through the domain, not the API, so the
 * local stack's own background pass does not run too.
 */
export async function measureLimitFills(
  client: ApiClient,
  counter: RequestCounter,
  orders: number,
): Promise<LimitFillsResult> {
  const asset = `F${runId().toUpperCase()}`.slice(0, 10);
  await listAsset(asset, 12_000n);
  const users = await inBatches(
    Array.from({ length: orders }, (_, index) => index),
    async (index) => {
      const user = await newBenchUser(`fill${index}`);
      await expect201(client, user, '/deposits', { amount: '10.00' });
      await expect201(client, user, '/orders/buy', {
        type: 'LIMIT',
        asset,
        quantity: '0.03',
        limitPrice: '100.00',
      });
      return user;
    },
  );
  await listAsset(asset, 9_001n);
  counter.reset();
  const started = performance.now();
  const report = await fillSatisfiedOrders(asset);
  const passMs = performance.now() - started;
  const requests = Object.fromEntries([...counter.counts].sort(([a], [b]) => a.localeCompare(b)));
  const total = Object.values(requests).reduce((sum, count) => sum + count, 0);
  const balances = await inBatches(users, async (user) => {
    const answer = await client.send(user, { method: 'GET', path: '/balance' });
    return JSON.parse(answer.body) as {
      cash: { available: string; held: string };
      assets: Record<string, unknown>;
    };
  });
  // 0.03 × 90.01 = 2.7003, paid rounded up to 2.71, from 10.00.
  const balancesExact = balances.every(
    (balance) =>
      balance.cash.available === '7.29' &&
      balance.cash.held === '0.00' &&
      JSON.stringify(balance.assets[asset]) ===
        JSON.stringify({ available: '0.03000000', held: '0.00000000' }),
  );
  return {
    orders: report.satisfied,
    filled: report.filled,
    passMs,
    ordersPerSecond: report.filled / (passMs / 1_000),
    requests,
    requestsPerOrder: report.filled > 0 ? total / report.filled : 0,
    balancesExact,
  };
}
