import { formatMinor, scaleOf } from './amounts';
import { type InvariantResult, Tally } from './invariant';
import type { Model } from './model';
import { assetsOf, totalOf, type UserView } from './user-view';

const show = (asset: string, minor: bigint): string => `${formatMinor(minor, scaleOf(asset))} ${asset}`;

export function checkModel(views: readonly UserView[], model: Model): InvariantResult {
  const tally = new Tally();
  for (const view of views) {
    const { userId, holdings } = view;
    if (!holdings) {
      tally.fail({ userId, message: `GET /balance was not readable: ${view.balanceProblem ?? ''}` });
      continue;
    }
    const expected = model.totals.get(userId) ?? new Map<string, bigint>();
    for (const asset of assetsOf(expected.keys(), holdings.keys())) {
      const actual = totalOf(holdings.get(asset));
      const wanted = expected.get(asset) ?? 0n;
      tally.check(actual === wanted, () => ({
        userId,
        message: `${asset}: available + held is ${show(asset, actual)}, the acknowledged operations give ${show(asset, wanted)} (off by ${show(asset, actual - wanted)})`,
      }));
    }
  }
  return tally.result('model', 'available + held per asset equals the model of acknowledged answers');
}

export function checkNonNegative(views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  for (const { userId, holdings, ledger } of views) {
    for (const [asset, holding] of holdings ?? []) {
      tally.check(holding.available >= 0n && holding.held >= 0n, () => ({
        userId,
        message: `${asset}: available ${show(asset, holding.available)}, held ${show(asset, holding.held)}`,
      }));
    }
    // The chain shows every balance the account ever had, so a transient overdraft shows too.
    for (const entry of ledger) {
      tally.check(entry.balanceAfter >= 0n, () => ({
        userId,
        message: `ledger entry ${entry.id} (${entry.type}) left ${entry.asset} at ${show(entry.asset, entry.balanceAfter)}`,
      }));
    }
  }
  return tally.result('non-negative', 'no balance is negative, now or after any ledger entry');
}

export function checkLedgerSum(views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  for (const { userId, holdings, ledger } of views) {
    if (!holdings) continue;
    const sums = new Map<string, bigint>();
    for (const entry of ledger) sums.set(entry.asset, (sums.get(entry.asset) ?? 0n) + entry.amount);
    for (const asset of assetsOf(sums.keys(), holdings.keys())) {
      const sum = sums.get(asset) ?? 0n;
      const total = totalOf(holdings.get(asset));
      tally.check(sum === total, () => ({
        userId,
        message: `${asset}: the ledger sums to ${show(asset, sum)}, available + held is ${show(asset, total)}`,
      }));
    }
  }
  return tally.result('ledger-sum', 'the ledger of each asset sums to its available + held');
}

export function checkBalanceAfterChain(views: readonly UserView[]): InvariantResult {
  const tally = new Tally();
  for (const { userId, ledger } of views) {
    const running = new Map<string, bigint>();
    for (const entry of ledger) {
      const previous = running.get(entry.asset) ?? 0n;
      const expected = previous + entry.amount;
      tally.check(entry.balanceAfter === expected, () => ({
        userId,
        message: `ledger entry ${entry.id} (${entry.type} ${show(entry.asset, entry.amount)}) says balanceAfter ${show(entry.asset, entry.balanceAfter)}, previous ${show(entry.asset, previous)} + amount is ${show(entry.asset, expected)}`,
      }));
      // Continue from what the entry claims, so one break is reported once, not at every later entry.
      running.set(entry.asset, entry.balanceAfter);
    }
  }
  return tally.result('balance-after-chain', 'balanceAfter figures form a chain: previous + amount');
}
