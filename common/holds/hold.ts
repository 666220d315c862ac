import { formatAmount } from '../money/amounts';

export type HoldStatus = 'PENDING' | 'CAPTURED' | 'VOIDED' | 'EXPIRED';

/**
 * What a hold is for: funds promised to another user (captured to the payee), or funds an order of
 * the holder's own may spend (captured to the trade).
 */
export type HoldPurpose = { readonly payee: string } | { readonly orderId: string };

/**
 * Funds moved from a balance's available to its held part, until the hold resolves exactly once:
 * captured (all or part spent, the rest released), voided (all released) or expired (all released,
 * once `expiresAt` has passed). The held amount lives on the balance, so a hold outlives any lease.
 */
export interface Hold {
  readonly holdId: string;
  /** Whose balance holds the funds: the payer. */
  readonly userId: string;
  readonly asset: string;
  /** Minor units of `asset`, as placed. */
  readonly amount: bigint;
  /** How much of `amount` was spent; zero unless CAPTURED. */
  readonly captured: bigint;
  readonly status: HoldStatus;
  readonly purpose: HoldPurpose;
  /** ISO-8601 UTC. From this instant on, the hold can no longer be captured or voided. */
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The bounds of `expiresInSeconds`: one second to seven days. */
export const HOLD_EXPIRY_SECONDS = { min: 1, max: 7 * 24 * 60 * 60 } as const;

export const payeeOf = (hold: Hold): string | undefined =>
  'payee' in hold.purpose ? hold.purpose.payee : undefined;

/** The users a hold involves: they, and admins, may read it; each lists its own copy. */
export function partiesOf(hold: Hold): string[] {
  const payee = payeeOf(hold);
  return payee === undefined ? [hold.userId] : [hold.userId, payee];
}

/** The contract's Hold shape, for a hold between two users. */
export function holdView(hold: Hold) {
  return {
    holdId: hold.holdId,
    from: hold.userId,
    to: payeeOf(hold),
    amount: formatAmount(hold.asset, hold.amount),
    captured: formatAmount(hold.asset, hold.captured),
    status: hold.status,
    expiresAt: hold.expiresAt,
    createdAt: hold.createdAt,
    updatedAt: hold.updatedAt,
  };
}
