import { CASH, formatAmount } from '../money/amounts';

/** A payment of cash from one user's available balance to another's, made in one transaction. */
export interface Transfer {
  readonly transferId: string;
  readonly from: string;
  readonly to: string;
  /** Cents. */
  readonly amount: bigint;
  readonly memo?: string;
  readonly createdAt: string;
}

/** The contract's Transfer shape. */
export function transferView(transfer: Transfer) {
  return {
    transferId: transfer.transferId,
    from: transfer.from,
    to: transfer.to,
    amount: formatAmount(CASH, transfer.amount),
    ...(transfer.memo === undefined ? {} : { memo: transfer.memo }),
    createdAt: transfer.createdAt,
  };
}
