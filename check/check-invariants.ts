import { checkAnswers, checkDefinite, checkNo5xx, checkReplays } from './answer-invariants';
import {
  checkBalanceAfterChain,
  checkHeldZero,
  checkLedgerSum,
  checkModel,
  checkNonNegative,
} from './balance-invariants';
import type { CheckInput, InvariantResult } from './invariant';
import { checkExactlyOnce } from './ledger-invariants';
import { checkDailyLimits } from './limit-invariants';
import { buildModel } from './model';
import { checkOrdersResolved } from './order-invariants';
import { viewOf } from './user-view';

/** Every invariant, over a finished history and the final state read after quiescence. */
export function checkInvariants(input: CheckInput): InvariantResult[] {
  const model = buildModel(input.operations, input.userIds);
  const views = input.finalStates.map(viewOf);
  return [
    checkModel(views, model),
    checkHeldZero(views),
    checkLedgerSum(views),
    checkBalanceAfterChain(views),
    checkNonNegative(views),
    checkOrdersResolved(input.operations, views, input.ordersExcluded),
    checkReplays(input.operations),
    checkNo5xx(input.operations, input.serverFaults),
    checkExactlyOnce(input.operations, views),
    checkDailyLimits(input.operations),
    checkDefinite(input.operations),
    checkAnswers(input.operations, views, model),
  ];
}
