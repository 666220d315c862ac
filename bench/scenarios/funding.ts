import type { ApiClient, BenchUser } from '../clients/api-client';
import { TRADED_ASSET } from '../operations';

/** Enough that no measured withdrawal or buy is ever refused for want of funds. */
export const STARTING_CASH = '1000000.00';
export const STARTING_ASSET = '0.05';

async function post(client: ApiClient, user: BenchUser, path: string, body: unknown): Promise<void> {
  const answer = await client.send(user, { method: 'POST', path, body });
  if (answer.status !== 201) {
    throw new Error(
      `Funding ${user.userId} with POST ${path} got ${answer.status}: ${answer.body.slice(0, 300)}`,
    );
  }
}

/** Cash always; the traded asset too when sells are measured, bought like any user would. */
export async function fund(
  client: ApiClient,
  user: BenchUser,
  options: { readonly cash?: string; readonly asset?: string } = {},
): Promise<void> {
  await post(client, user, '/deposits', { amount: options.cash ?? STARTING_CASH });
  if (options.asset !== undefined) {
    await post(client, user, '/orders/buy', { asset: TRADED_ASSET, quantity: options.asset });
  }
}
