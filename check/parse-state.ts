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
  readonly transferId?: string;
  readonly holdId?: string;
  readonly counterparty?: string;
}

export interface OrderRow {
  readonly orderId: string;
  readonly side: string;
  readonly asset: string;
  readonly quantity: bigint;
  readonly price: bigint;
  readonly total: bigint;
  readonly status: string;
  readonly type: string;
  readonly limitPrice?: bigint;
  /** Epoch milliseconds; on every LIMIT order that rested OPEN. */
  readonly expiresAt?: number;
}

export interface HoldRow {
  readonly holdId: string;
  readonly from: string;
  readonly to: string;
  /** Cents. */
  readonly amount: bigint;
  readonly captured: bigint;
  readonly status: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
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
  const references: Record<string, string> = {};
  for (const name of ['orderId', 'transferId', 'holdId', 'counterparty'] as const) {
    const value = stringAt(json, name);
    if (value !== undefined) references[name] = value;
  }
  return { value: { id, type, asset, amount, balanceAfter, ...references } };
}

export function parseOrder(json: unknown): Parsed<OrderRow> {
  const orderId = stringAt(json, 'orderId');
  const side = stringAt(json, 'side');
  const asset = stringAt(json, 'asset');
  const status = stringAt(json, 'status');
  const quantity = asset === undefined ? undefined : parseMinor(fieldOf(json, 'quantity'), scaleOf(asset));
  const price = parseMinor(fieldOf(json, 'price'), 2);
  const total = parseMinor(fieldOf(json, 'total'), scaleOf(CASH));
  const type = stringAt(json, 'type');
  const limitPrice = parseMinor(fieldOf(json, 'limitPrice'), 2);
  const expiresAt = Date.parse(stringAt(json, 'expiresAt') ?? '');
  if (
    orderId === undefined ||
    side === undefined ||
    asset === undefined ||
    status === undefined ||
    quantity === undefined ||
    price === undefined ||
    total === undefined ||
    type === undefined ||
    (type === 'LIMIT' && limitPrice === undefined)
  ) {
    return { problem: `order is not readable: ${JSON.stringify(json)}` };
  }
  return {
    value: {
      orderId,
      side,
      asset,
      quantity,
      price,
      total,
      status,
      type,
      ...(limitPrice === undefined ? {} : { limitPrice }),
      ...(Number.isNaN(expiresAt) ? {} : { expiresAt }),
    },
  };
}

export function parseHold(json: unknown): Parsed<HoldRow> {
  const holdId = stringAt(json, 'holdId');
  const from = stringAt(json, 'from');
  const to = stringAt(json, 'to');
  const status = stringAt(json, 'status');
  const amount = parseMinor(fieldOf(json, 'amount'), scaleOf(CASH));
  const captured = parseMinor(fieldOf(json, 'captured'), scaleOf(CASH));
  const expiresAt = Date.parse(stringAt(json, 'expiresAt') ?? '');
  if (
    holdId === undefined ||
    from === undefined ||
    to === undefined ||
    status === undefined ||
    amount === undefined ||
    captured === undefined ||
    Number.isNaN(expiresAt)
  ) {
    return { problem: `hold is not readable: ${JSON.stringify(json)}` };
  }
  return { value: { holdId, from, to, amount, captured, status, expiresAt } };
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
