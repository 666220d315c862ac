/**
 * The four money-moving operations the benchmark measures, as a client calls them. Amounts are small
 * so that a pre-funded account never runs dry: every measured call is the success path.
 */
export type OperationName = 'deposit' | 'withdraw' | 'buy' | 'sell';

export interface OperationSpec {
  readonly name: OperationName;
  readonly path: string;
  readonly body: Readonly<Record<string, string>>;
  /** The budget of DynamoDB round trips the targets hold each operation to, uncontended, for a warm user. */
  readonly roundTripTarget: number;
  /** Runs the order workflow: a Step Functions execution with its Reserve and Commit tasks. */
  readonly placesOrder: boolean;
}

export const TRADED_ASSET = 'BTC';
export const TRADE_QUANTITY = '0.0001';

export const OPERATIONS: readonly OperationSpec[] = [
  { name: 'deposit', path: '/deposits', body: { amount: '10.00' }, roundTripTarget: 2, placesOrder: false },
  {
    name: 'withdraw',
    path: '/withdrawals',
    body: { amount: '10.00' },
    roundTripTarget: 2,
    placesOrder: false,
  },
  {
    name: 'buy',
    path: '/orders/buy',
    body: { asset: TRADED_ASSET, quantity: TRADE_QUANTITY },
    roundTripTarget: 5,
    placesOrder: true,
  },
  {
    name: 'sell',
    path: '/orders/sell',
    body: { asset: TRADED_ASSET, quantity: TRADE_QUANTITY },
    roundTripTarget: 5,
    placesOrder: true,
  },
];

export function operation(name: OperationName): OperationSpec {
  const found = OPERATIONS.find((spec) => spec.name === name);
  if (!found) throw new Error(`No operation named ${name}`);
  return found;
}
