/**
 * What the API shows once the load has stopped, per user, exactly as it answered (parsed JSON):
 * the checker judges the shapes itself instead of trusting them.
 */
export interface FinalUserState {
  readonly userId: string;
  /** GET /balance. */
  readonly balance: unknown;
  /** Every page of GET /transactions, in the order the API listed them (newest first); undefined when unreadable. */
  readonly transactions: readonly unknown[] | undefined;
  /** Every page of GET /orders; undefined when the route could not be read. */
  readonly orders: readonly unknown[] | undefined;
  /** Every page of GET /holds: those the user placed and those for the user; undefined when unreadable. */
  readonly holds: readonly unknown[] | undefined;
  /**
   * When the read began (epoch ms), after which nothing moved: the balance read last is the one read
   * first. A PENDING hold or OPEN order must still be within its expiry at this instant.
   */
  readonly readAt: number;
}
