import { CASH, parseMinor, scaleOf } from './amounts';
import { asRecord, fieldOf, stringAt } from './history';

export interface Holding {
  readonly available: bigint;
  readonly held: bigint;
}

export interface LedgerEntry {
  readonly id: string;
  readonly type: string;
  readonly asset: string;
  readonly amount: bigint;
  readonly balanceAfter: bigint;
  readonly orderId?: string;
}

export interface OrderRow {
  readonly orderId: string;
  readonly side: string;
  readonly asset: string;
  readonly quantity: bigint;
  readonly price: bigint;
  readonly total: bigint;
  readonly status: string;
}

type Parsed<T> = { readonly value: T } | { readonly problem: string };

function holdingOf(json: unknown, asset: string): Holding | undefined {
  const available = parseMinor(fieldOf(json, 'available'), scaleOf(asset));
  const held = parseMinor(fieldOf(json, 'held'), scaleOf(asset));
  return available === undefined || held === undefined ? undefined : { available, held };
}

/** Balance → holdings per asset, cash under USD. */
export function parseBalance(json: unknown): Parsed<Map<string, Holding>> {
  const holdings = new Map<string, Holding>();
  const cash = holdingOf(fieldOf(json, 'cash'), CASH);
  if (!cash) return { problem: `balance has no readable cash: ${JSON.stringify(json)}` };
  holdings.set(CASH, cash);
  const assets = asRecord(fieldOf(json, 'assets'));
  if (!assets) return { problem: `balance has no assets object: ${JSON.stringify(json)}` };
  for (const [asset, value] of Object.entries(assets)) {
    const holding = holdingOf(value, asset);
    if (!holding) return { problem: `balance of ${asset} is not readable: ${JSON.stringify(value)}` };
    holdings.set(asset, holding);
  }
  return { value: holdings };
}

export function parseLedgerEntry(json: unknown): Parsed<LedgerEntry> {
  const id = stringAt(json, 'id');
  const type = stringAt(json, 'type');
  const asset = stringAt(json, 'asset');
  const orderId = stringAt(json, 'orderId');
  const amount = asset === undefined ? undefined : parseMinor(fieldOf(json, 'amount'), scaleOf(asset));
  const balanceAfter =
    asset === undefined ? undefined : parseMinor(fieldOf(json, 'balanceAfter'), scaleOf(asset));
  if (
    id === undefined ||
    type === undefined ||
    asset === undefined ||
    amount === undefined ||
    balanceAfter === undefined
  ) {
    return { problem: `ledger entry is not readable: ${JSON.stringify(json)}` };
  }
  return { value: { id, type, asset, amount, balanceAfter, ...(orderId === undefined ? {} : { orderId }) } };
}

export function parseOrder(json: unknown): Parsed<OrderRow> {
  const orderId = stringAt(json, 'orderId');
  const side = stringAt(json, 'side');
  const asset = stringAt(json, 'asset');
  const status = stringAt(json, 'status');
  const quantity = asset === undefined ? undefined : parseMinor(fieldOf(json, 'quantity'), scaleOf(asset));
  const price = parseMinor(fieldOf(json, 'price'), 2);
  const total = parseMinor(fieldOf(json, 'total'), scaleOf(CASH));
  if (
    orderId === undefined ||
    side === undefined ||
    asset === undefined ||
    status === undefined ||
    quantity === undefined ||
    price === undefined ||
    total === undefined
  ) {
    return { problem: `order is not readable: ${JSON.stringify(json)}` };
  }
  return { value: { orderId, side, asset, quantity, price, total, status } };
}

/** Every readable item, and a problem line for each one that is not. */
export function parseAll<T>(
  items: readonly unknown[],
  parse: (json: unknown) => Parsed<T>,
): { values: T[]; problems: string[] } {
  const values: T[] = [];
  const problems: string[] = [];
  for (const item of items) {
    const parsed = parse(item);
    if ('value' in parsed) values.push(parsed.value);
    else problems.push(parsed.problem);
  }
  return { values, problems };
}
