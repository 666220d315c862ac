import { CASH, expectedTradeTotal, parseMinor, scaleOf } from './amounts';
import { fieldOf, type Operation, stringAt } from './history';

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const requested = (operation: Operation, field: string, scale = 2): bigint | undefined =>
  parseMinor(operation.body[field], scale);

function cashProblem(operation: Operation, json: unknown): string | undefined {
  const amount = parseMinor(fieldOf(json, 'transaction', 'amount'), 2);
  const wanted = requested(operation, 'amount');
  const sign = operation.kind === 'withdraw' ? -1n : 1n;
  if (wanted === undefined || amount !== sign * wanted) {
    return `201 moved ${text(fieldOf(json, 'transaction', 'amount'))}, the request asked for ${text(operation.body.amount)}`;
  }
  return undefined;
}

/** A limit order fills at its limit or better, never worse. */
export const withinLimit = (side: 'BUY' | 'SELL', price: bigint, limit: bigint): boolean =>
  side === 'BUY' ? price <= limit : price >= limit;

function orderProblem(operation: Operation, json: unknown): string | undefined {
  const side = operation.kind === 'buy' ? 'BUY' : 'SELL';
  const asset = String(operation.body.asset ?? '');
  const order = fieldOf(json, 'order');
  const quantity = parseMinor(fieldOf(order, 'quantity'), scaleOf(asset));
  const price = parseMinor(fieldOf(order, 'price'), 2);
  const total = parseMinor(fieldOf(order, 'total'), 2);
  const status = stringAt(order, 'status');
  const limit = operation.body.type === 'LIMIT' ? requested(operation, 'limitPrice') : undefined;
  if (
    stringAt(order, 'side') !== side ||
    stringAt(order, 'asset') !== asset ||
    stringAt(order, 'type') !== (limit === undefined ? 'MARKET' : 'LIMIT') ||
    !(status === 'COMPLETED' || (limit !== undefined && status === 'OPEN')) ||
    quantity === undefined ||
    quantity !== requested(operation, 'quantity', scaleOf(asset)) ||
    (limit !== undefined && parseMinor(fieldOf(order, 'limitPrice'), 2) !== limit)
  ) {
    return `201 order does not match the request ${JSON.stringify(operation.body)}: ${JSON.stringify(order)}`;
  }
  if (price === undefined || total === undefined || total !== expectedTradeTotal(side, quantity, price)) {
    return `201 order total ${text(fieldOf(order, 'total'))} is not quantity × price rounded ${side === 'BUY' ? 'up' : 'down'}`;
  }
  if (limit === undefined) return undefined;
  if (status === 'OPEN' && (price !== limit || stringAt(order, 'expiresAt') === undefined)) {
    return `201 OPEN order must show its limit ${text(operation.body.limitPrice)} as its price, and an expiresAt: ${JSON.stringify(order)}`;
  }
  if (status === 'COMPLETED' && !withinLimit(side, price, limit)) {
    return `201 order filled at ${text(fieldOf(order, 'price'))}, worse than its limit ${text(operation.body.limitPrice)}`;
  }
  return undefined;
}

function transferProblem(operation: Operation, json: unknown): string | undefined {
  const transfer = fieldOf(json, 'transfer');
  const amount = parseMinor(fieldOf(transfer, 'amount'), 2);
  if (
    stringAt(transfer, 'transferId') === undefined ||
    stringAt(transfer, 'from') !== operation.userId ||
    stringAt(transfer, 'to') !== operation.body.to ||
    amount === undefined ||
    amount !== requested(operation, 'amount')
  ) {
    return `201 transfer does not match the request ${JSON.stringify(operation.body)}: ${JSON.stringify(transfer)}`;
  }
  return undefined;
}

function placedHoldProblem(operation: Operation, hold: unknown): string | undefined {
  const createdAt = Date.parse(stringAt(hold, 'createdAt') ?? '');
  const expiresAt = Date.parse(stringAt(hold, 'expiresAt') ?? '');
  if (
    stringAt(hold, 'holdId') === undefined ||
    stringAt(hold, 'from') !== operation.userId ||
    stringAt(hold, 'to') !== operation.body.to ||
    stringAt(hold, 'status') !== 'PENDING' ||
    parseMinor(fieldOf(hold, 'captured'), 2) !== 0n ||
    parseMinor(fieldOf(hold, 'amount'), 2) !== requested(operation, 'amount') ||
    expiresAt - createdAt !== Number(operation.body.expiresInSeconds) * 1_000
  ) {
    return `201 hold does not match the request ${JSON.stringify(operation.body)}: ${JSON.stringify(hold)}`;
  }
  return undefined;
}

function resolvedHoldProblem(operation: Operation, hold: unknown): string | undefined {
  const amount = parseMinor(fieldOf(hold, 'amount'), 2);
  const captured = parseMinor(fieldOf(hold, 'captured'), 2);
  const wanted = operation.kind === 'void' ? 0n : (requested(operation, 'amount') ?? amount);
  if (
    stringAt(hold, 'holdId') !== operation.target ||
    stringAt(hold, 'status') !== (operation.kind === 'void' ? 'VOIDED' : 'CAPTURED') ||
    captured === undefined ||
    captured !== wanted
  ) {
    return `201 hold does not show the ${operation.kind} of ${operation.target ?? '?'} ${JSON.stringify(operation.body)}: ${JSON.stringify(hold)}`;
  }
  return undefined;
}

function cancelProblem(operation: Operation, json: unknown): string | undefined {
  const order = fieldOf(json, 'order');
  if (stringAt(order, 'orderId') !== operation.target || stringAt(order, 'status') !== 'CANCELLED') {
    return `201 cancel of ${operation.target ?? '?'} answered ${JSON.stringify(order)}`;
  }
  return undefined;
}

function priceProblem(operation: Operation, json: unknown): string | undefined {
  if (
    stringAt(json, 'asset') !== operation.target ||
    parseMinor(fieldOf(json, 'price'), scaleOf(CASH)) !== requested(operation, 'price')
  ) {
    return `200 does not list ${operation.target ?? '?'} at ${text(operation.body.price)}: ${JSON.stringify(json)}`;
  }
  return undefined;
}

/** Why an acknowledgement (201, or a price change's 200) does not say what was asked for. */
export function acknowledgementProblem(operation: Operation, json: unknown): string | undefined {
  switch (operation.kind) {
    case 'fund':
    case 'deposit':
    case 'withdraw':
      return cashProblem(operation, json);
    case 'buy':
    case 'sell':
      return orderProblem(operation, json);
    case 'transfer':
      return transferProblem(operation, json);
    case 'hold':
      return placedHoldProblem(operation, json);
    case 'capture':
    case 'void':
      return resolvedHoldProblem(operation, json);
    case 'cancel':
      return cancelProblem(operation, json);
    case 'price':
      return priceProblem(operation, json);
  }
}
