import { type OrderCommand, placeOrder } from '../orders/place-order';
import type { Executed } from '../outcomes/outcome';
import { type LimitOrderCommand, placeLimitOrder } from './place-limit-order';

export type AnyOrderCommand =
  | ({ readonly type: 'MARKET' } & OrderCommand)
  | ({ readonly type: 'LIMIT' } & LimitOrderCommand);

/** A MARKET order runs the order workflow exactly as it always has; a LIMIT order its own path. */
export function placeAnyOrder(command: AnyOrderCommand): Promise<Executed> {
  return command.type === 'LIMIT' ? placeLimitOrder(command) : placeOrder(command);
}
