import { checkAnswers, checkDefinite, checkNo5xx, checkReplays } from './answer-invariants';
import { checkBalanceAfterChain, checkLedgerSum, checkModel, checkNonNegative } from './balance-invariants';
import { checkCancels } from './cancel-invariants';
import { checkBankTotal } from './conservation-invariants';
import { checkHeld } from './held-invariants';
import { checkHolds } from './hold-invariants';
import type { CheckInput, InvariantResult } from './invariant';
import { checkExactlyOnce } from './ledger-invariants';
import { checkDailyLimits } from './limit-invariants';
import { buildModel, type FinalOrders, finalOrderKey } from './model';
import { checkOrdersResolved } from './order-invariants';
import { checkPayments } from './payment-invariants';
import { type UserView, viewOf } from './user-view';

function finalOrdersOf(views: readonly UserView[]): FinalOrders {
  return new Map(
    views.flatMap((view) =>
      (view.orders ?? []).map((order) => [finalOrderKey(view.userId, order.orderId), order]),
    ),
  );
}

/** Every invariant, over a finished history and the final state read after quiescence. */
export function checkInvariants(input: CheckInput): InvariantResult[] {
  const views = input.finalStates.map(viewOf);
  const finalOrders = finalOrdersOf(views);
  const model = buildModel(input.operations, input.userIds, finalOrders);
  return [
    checkModel(views, model),
    checkBankTotal(input.operations, views),
    checkHeld(views),
    checkLedgerSum(views),
    checkBalanceAfterChain(views),
    checkNonNegative(views),
    checkOrdersResolved(input.operations, views, input.ordersExcluded, input.listedAssets),
    checkCancels(input.operations, views),
    checkHolds(input.operations, views),
    checkPayments(input.operations, views),
    checkReplays(input.operations),
    checkNo5xx(input.operations, input.serverFaults),
    checkExactlyOnce(input.operations, views, finalOrders),
    checkDailyLimits(input.operations),
    checkDefinite(input.operations),
    checkAnswers(input.operations, views, model),
  ];
}
