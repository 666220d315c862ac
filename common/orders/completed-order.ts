import type { BalanceView } from '../accounts/views';
import type { OrderView } from './order-view';

/** A buy or sell that went through: the COMPLETED order and the balance after it. */
export interface CompletedOrder {
  readonly order: OrderView;
  readonly balance: BalanceView;
}
