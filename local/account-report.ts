import { callLocalApi } from './local-api-client';
import { textTable } from './text-table';
import { mintToken } from './tokens';

interface Holding {
  readonly available: string;
  readonly held: string;
}
interface Balance {
  readonly cash: Holding;
  readonly assets: Readonly<Record<string, Holding>>;
}
interface Tx {
  readonly id: string;
  readonly type: string;
  readonly asset: string;
  readonly amount: string;
  readonly balanceAfter: string;
  readonly orderId?: string;
  readonly createdAt: string;
}
interface Order {
  readonly orderId: string;
  readonly side: string;
  readonly asset: string;
  readonly quantity: string;
  readonly price: string;
  readonly total: string;
  readonly status: string;
  readonly failureReason?: string;
  readonly createdAt: string;
}
interface Page<T> {
  readonly items: readonly T[];
}

/** A user's balance, recent ledger and orders, read through the API as that user, as plain-text tables. */
export async function accountReport(apiUrl: string, userId: string, limit = 10): Promise<string> {
  const token = await mintToken(userId);
  const read = async <T>(path: string): Promise<T> => {
    const answer = await callLocalApi(apiUrl, token, { method: 'GET', path });
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text}`);
    return JSON.parse(answer.text) as T;
  };
  const [balance, transactions, orders] = await Promise.all([
    read<Balance>('/balance'),
    read<Page<Tx>>(`/transactions?limit=${limit}`),
    read<Page<Order>>(`/orders?limit=${limit}`),
  ]);
  const time = (iso: string) => iso.replace('T', ' ').slice(0, 19);
  return [
    `${userId}`,
    '',
    'Balance',
    textTable(
      ['asset', 'available', 'held'],
      [
        ['USD', balance.cash.available, balance.cash.held],
        ...Object.entries(balance.assets).map(([asset, holding]) => [asset, holding.available, holding.held]),
      ],
    ),
    '',
    `Ledger, newest first (last ${limit})`,
    transactions.items.length === 0
      ? '(none)'
      : textTable(
          ['when (UTC)', 'type', 'asset', 'amount', 'balance after', 'order'],
          transactions.items.map((tx) => [
            time(tx.createdAt),
            tx.type,
            tx.asset,
            tx.amount,
            tx.balanceAfter,
            tx.orderId ?? '',
          ]),
        ),
    '',
    `Orders, newest first (last ${limit})`,
    orders.items.length === 0
      ? '(none)'
      : textTable(
          ['when (UTC)', 'side', 'asset', 'quantity', 'price', 'total', 'status', 'order'],
          orders.items.map((order) => [
            time(order.createdAt),
            order.side,
            order.asset,
            order.quantity,
            order.price,
            order.total,
            order.failureReason ? `${order.status} (${order.failureReason})` : order.status,
            order.orderId,
          ]),
        ),
  ].join('\n');
}
