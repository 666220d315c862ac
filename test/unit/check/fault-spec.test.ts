import { describe, expect, it } from 'vitest';
import { FaultDice } from '../../../local/faults/fault-dice';
import { parseFaultSpec } from '../../../local/faults/fault-spec';

describe('LOCKSTEP_FAULTS', () => {
  it('reads rate and seed, with task rate defaulting to the rate', () => {
    expect(parseFaultSpec('rate=0.1,seed=42')).toEqual({
      rate: 0.1,
      taskRate: 0.1,
      pauseShare: 0.03,
      seed: 42,
    });
  });

  it.each(['rate=2', 'rate', 'speed=1', 'seed=-1'])('refuses %s', (text) => {
    expect(() => parseFaultSpec(text)).toThrow(/LOCKSTEP_FAULTS/);
  });

  it('draws the same faults from the same seed, about `rate` of the time, and none when off', () => {
    const draw = (dice: FaultDice) => Array.from({ length: 2_000 }, () => dice.dynamoDbFault()?.kind ?? null);
    const first = draw(new FaultDice(parseFaultSpec('rate=0.2,seed=7')));
    expect(draw(new FaultDice(parseFaultSpec('rate=0.2,seed=7')))).toEqual(first);
    const share = first.filter((kind) => kind !== null).length / first.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
    const off = new FaultDice(parseFaultSpec('rate=1,seed=7'));
    off.enabled = false;
    expect(draw(off).every((kind) => kind === null)).toBe(true);
  });
});
