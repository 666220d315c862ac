import { CASH, formatMinor, parseMinor } from './amounts';
import { definiteAnswer, fieldOf, type Operation, resolutionOf } from './history';
import { type InvariantResult, Tally } from './invariant';
import type { UserView } from './user-view';

const usd = (minor: bigint): string => `${formatMinor(minor, 2)} ${CASH}`;
const TRADES = new Set(['buy', 'sell']);

/**
 * Jepsen's bank invariant: money only enters by a deposit and leaves by a withdrawal, so the cash of
 * all accounts together (available + held) is the acknowledged deposits, funding included, minus the
 * acknowledged withdrawals, to the cent, whatever the transfers and holds did in between. Trades
 * exchange cash for assets, so a run with orders is judged per user by the model instead.
 */
export function checkBankTotal(
  operations: readonly Operation[],
  views: readonly UserView[],
): InvariantResult {
  const tally = new Tally();
  const title =
    'the cash of all accounts equals acknowledged deposits minus acknowledged withdrawals, exactly';
  if (operations.some((operation) => TRADES.has(operation.kind))) {
    return { ...tally.result('bank-total', title), skipped: 'trades move cash to and from the market' };
  }
  let expected = 0n;
  for (const operation of operations) {
    if (!['fund', 'deposit', 'withdraw'].includes(operation.kind)) continue;
    if (resolutionOf(operation) !== 'acknowledged') continue;
    const amount = parseMinor(fieldOf(definiteAnswer(operation)?.json, 'transaction', 'amount'), 2);
    // An unreadable acknowledgement is the answers invariant's to report; the total cannot be known.
    if (amount === undefined) {
      tally.fail({
        operationId: operation.id,
        message: `${operation.kind} #${operation.id}: its amount is unreadable`,
      });
      continue;
    }
    expected += amount;
  }
  let actual = 0n;
  for (const view of views) {
    const cash = view.holdings?.get(CASH);
    if (!cash) {
      tally.fail({ userId: view.userId, message: 'no readable cash balance, so the total cannot be known' });
      continue;
    }
    actual += cash.available + cash.held;
  }
  tally.check(actual === expected, () => ({
    message: `all ${views.length} accounts hold ${usd(actual)}, acknowledged deposits minus withdrawals are ${usd(expected)} (off by ${usd(actual - expected)})`,
  }));
  return tally.result('bank-total', title);
}
