import { z } from 'zod';
import type { BalanceState } from '../accounts/balance-state';
import type { IdempotencyRequest } from '../idempotency/idempotency-record';
import type { Lease } from '../lease/user-lock';
import type { Order } from './order';

/**
 * The JSON an order execution starts with, and what every task reads back. Step Functions carries
 * plain JSON, so minor units travel as digit strings and are parsed back to bigint here, in one place.
 */
const minorUnits = z
  .string()
  .regex(/^-?[0-9]+$/)
  .transform((digits) => BigInt(digits));

/** The whole account travels, daily usage and limits included: reserve and commit store it back. */
const balanceSchema = z.object({
  version: z.number().int().nonnegative(),
  assets: z.record(z.string(), z.object({ available: minorUnits, held: minorUnits })),
  usage: z.object({ day: z.string(), deposit: minorUnits, withdrawal: minorUnits }).optional(),
  limits: z.object({ deposit: minorUnits.optional(), withdrawal: minorUnits.optional() }).optional(),
});

const executionInputSchema = z.object({
  orderId: z.string().min(1),
  userId: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  asset: z.string().min(1),
  quantity: minorUnits,
  price: minorUnits,
  total: minorUnits,
  createdAt: z.string(),
  requestId: z.string(),
  lease: z.object({ owner: z.string(), fence: z.number().int(), expiresAt: z.number().int() }),
  balance: balanceSchema,
  idempotency: z.object({ key: z.string(), fingerprint: z.string() }).nullable(),
});

export type SerializedBalance = z.input<typeof balanceSchema>;
export type OrderExecutionInput = z.input<typeof executionInputSchema>;

/** The execution input, parsed: the order as reserve creates it, the flow's lease and the balance it read. */
export interface OrderFlow {
  readonly order: Order;
  readonly lease: Lease;
  readonly balance: BalanceState;
  readonly requestId: string;
  readonly idempotency?: IdempotencyRequest;
}

export function serializeBalance(state: BalanceState): SerializedBalance {
  const assets: Record<string, { available: string; held: string }> = {};
  for (const [asset, holding] of Object.entries(state.assets)) {
    assets[asset] = { available: holding.available.toString(), held: holding.held.toString() };
  }
  const { usage, limits } = state;
  return {
    version: state.version,
    assets,
    ...(usage
      ? {
          usage: {
            day: usage.day,
            deposit: usage.deposit.toString(),
            withdrawal: usage.withdrawal.toString(),
          },
        }
      : {}),
    ...(limits
      ? {
          limits: {
            ...(limits.deposit === undefined ? {} : { deposit: limits.deposit.toString() }),
            ...(limits.withdrawal === undefined ? {} : { withdrawal: limits.withdrawal.toString() }),
          },
        }
      : {}),
  };
}

function balanceOf(parsed: z.output<typeof balanceSchema>): BalanceState {
  const { version, assets, usage, limits } = parsed;
  const overrides = limits && {
    ...(limits.deposit === undefined ? {} : { deposit: limits.deposit }),
    ...(limits.withdrawal === undefined ? {} : { withdrawal: limits.withdrawal }),
  };
  return { version, assets, ...(usage ? { usage } : {}), ...(overrides ? { limits: overrides } : {}) };
}

export function toExecutionInput(flow: OrderFlow): OrderExecutionInput {
  const { order, lease } = flow;
  return {
    orderId: order.orderId,
    userId: order.userId,
    side: order.side,
    asset: order.asset,
    quantity: order.quantity.toString(),
    price: order.price.toString(),
    total: order.total.toString(),
    createdAt: order.createdAt,
    requestId: flow.requestId,
    lease: { owner: lease.owner, fence: lease.fence, expiresAt: lease.expiresAt },
    balance: serializeBalance(flow.balance),
    idempotency: flow.idempotency ?? null,
  };
}

/** Reads the flow out of a task's input; the fields later states add (`reserved`, `error`) are ignored here. */
export function parseOrderFlow(json: unknown): OrderFlow {
  const input = executionInputSchema.parse(json);
  return {
    order: {
      orderId: input.orderId,
      userId: input.userId,
      side: input.side,
      asset: input.asset,
      quantity: input.quantity,
      price: input.price,
      total: input.total,
      status: 'PENDING',
      createdAt: input.createdAt,
      updatedAt: input.createdAt,
      lockFence: input.lease.fence,
    },
    lease: { userId: input.userId, ...input.lease },
    balance: balanceOf(input.balance),
    requestId: input.requestId,
    idempotency: input.idempotency ?? undefined,
  };
}

const laterStatesSchema = z.object({
  reserved: z.object({ balance: balanceSchema }).optional(),
  error: z.unknown().optional(),
});

/** What the states after Reserve add to the input: reserve's result and, in Rollback, the caught error. */
export interface LaterStates {
  readonly reserved?: BalanceState;
  readonly error?: unknown;
}

export function parseLaterStates(json: unknown): LaterStates {
  const parsed = laterStatesSchema.parse(json);
  return {
    reserved: parsed.reserved ? balanceOf(parsed.reserved.balance) : undefined,
    error: parsed.error,
  };
}
