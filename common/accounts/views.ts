import type { LedgerEntry } from '../ledger/ledger-entry';
import { CASH, formatAmount } from '../money/amounts';
import { type BalanceState, holdingOf } from './balance-state';

/** The contract's public shapes: every decimal as a string at the full scale of its asset. */
export interface HoldingView {
  readonly available: string;
  readonly held: string;
}

export interface BalanceView {
  readonly cash: HoldingView;
  readonly assets: Record<string, HoldingView>;
}

function holdingView(state: BalanceState, asset: string): HoldingView {
  const holding = holdingOf(state, asset);
  return { available: formatAmount(asset, holding.available), held: formatAmount(asset, holding.held) };
}

export function balanceView(state: BalanceState): BalanceView {
  const assets: Record<string, HoldingView> = {};
  for (const asset of Object.keys(state.assets).sort()) {
    if (asset !== CASH) assets[asset] = holdingView(state, asset);
  }
  return { cash: holdingView(state, CASH), assets };
}

export function ledgerEntryView(entry: LedgerEntry) {
  return {
    id: entry.id,
    type: entry.type,
    asset: entry.asset,
    amount: formatAmount(entry.asset, entry.amount),
    balanceAfter: formatAmount(entry.asset, entry.balanceAfter),
    ...(entry.orderId ? { orderId: entry.orderId } : {}),
    ...(entry.transferId ? { transferId: entry.transferId, counterparty: entry.counterparty } : {}),
    ...(entry.memo === undefined ? {} : { memo: entry.memo }),
    ...(entry.holdId ? { holdId: entry.holdId } : {}),
    createdAt: entry.createdAt,
  };
}
