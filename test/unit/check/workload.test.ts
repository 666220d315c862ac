import { describe, expect, it } from 'vitest';
import { parseMinor } from '../../../check/amounts';
import { planWorkload } from '../../../check/workload';

describe('the planned workload', () => {
  it('is the same plan for the same seed', () => {
    expect(planWorkload(5, 6, 300, 'bank')).toEqual(planWorkload(5, 6, 300, 'bank'));
    expect(planWorkload(5, 6, 300, 'bank')).not.toEqual(planWorkload(6, 6, 300, 'bank'));
  });

  it('bank: pays between distinct users, resolves only earlier holds, by their payer or payee', () => {
    const { load } = planWorkload(9, 4, 2_000, 'bank');
    const kinds = new Set(load.map((operation) => operation.kind));
    expect([...kinds].sort()).toEqual(['capture', 'deposit', 'hold', 'transfer', 'void', 'withdraw']);
    const resolved = new Set<number>();
    load.forEach((operation, index) => {
      if (operation.kind === 'transfer' || operation.kind === 'hold') {
        expect(operation.payeeIndex).not.toBe(operation.userIndex);
      }
      if (operation.kind !== 'capture' && operation.kind !== 'void') return;
      const reference = operation.refersTo;
      expect(reference?.field).toBe('holdId');
      const placed = load[reference?.index ?? index];
      expect(reference?.index ?? index).toBeLessThan(index);
      expect(placed?.kind).toBe('hold');
      const parties = [placed?.userIndex, placed?.payeeIndex];
      expect(operation.kind === 'capture' ? [placed?.userIndex] : parties).toContain(operation.userIndex);
      resolved.add(reference?.index ?? -1);
    });
    const holds = load.filter((operation) => operation.kind === 'hold');
    // Some holds are resolved twice over, and some by nobody: those are left to expire.
    expect(resolved.size).toBeLessThan(holds.length);
    const expiries = holds.map((operation) => Number(operation.body.expiresInSeconds));
    expect(Math.min(...expiries)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...expiries)).toBeLessThanOrEqual(60);
  });

  it('bank: captures the whole hold, a part of it, and now and then more than it', () => {
    const { load } = planWorkload(3, 4, 3_000, 'bank');
    const shapes = new Set(
      load
        .filter((operation) => operation.kind === 'capture')
        .map((operation) => {
          const placed = load[operation.refersTo?.index ?? -1];
          const wanted = parseMinor(operation.body.amount, 2);
          const held = parseMinor(placed?.body.amount, 2) ?? 0n;
          return wanted === undefined ? 'whole' : wanted > held ? 'more' : 'part';
        }),
    );
    expect([...shapes].sort()).toEqual(['more', 'part', 'whole']);
  });

  it('trading: limit orders around the base prices, cancels of earlier ones by their owner, admin price moves', () => {
    const base: Record<string, bigint> = { BTC: 5_000_000n, ETH: 300_000n, SOL: 15_000n };
    const within = (asset: unknown, price: unknown, percent: bigint): boolean => {
      const listed = base[String(asset)] ?? 0n;
      const cents = parseMinor(price, 2) ?? 0n;
      const delta = cents > listed ? cents - listed : listed - cents;
      return delta * 100n <= listed * percent;
    };
    const { load } = planWorkload(4, 6, 2_000, 'trading', true);
    const limits = load.filter((operation) => operation.body.type === 'LIMIT');
    expect(limits.length).toBeGreaterThan(100);
    for (const limit of limits) expect(within(limit.body.asset, limit.body.limitPrice, 6n)).toBe(true);
    const prices = load.filter((operation) => operation.kind === 'price');
    expect(prices.length).toBeGreaterThan(100);
    for (const price of prices) {
      expect(price.admin).toBe(true);
      expect(within(price.pathId, price.body.price, 8n)).toBe(true);
    }
    load.forEach((operation, index) => {
      if (operation.kind !== 'cancel') return;
      const placed = load[operation.refersTo?.index ?? index];
      expect(operation.refersTo?.index ?? index).toBeLessThan(index);
      expect(placed?.body.type).toBe('LIMIT');
      expect(placed?.userIndex).toBe(operation.userIndex);
    });
    const withoutAdmin = planWorkload(4, 6, 2_000, 'trading', false).load;
    expect(withoutAdmin.some((operation) => operation.kind === 'price')).toBe(false);
  });
});
