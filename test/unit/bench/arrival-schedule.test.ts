import { describe, expect, it } from 'vitest';
import { rampArrivalOffsetsMs } from '../../../bench/scenarios/arrival-schedule';

describe('rampArrivalOffsetsMs', () => {
  const offsets = rampArrivalOffsetsMs(30, 50, 8);
  const inSecond = (second: number) =>
    offsets.filter((offset) => offset >= second * 1_000 && offset < (second + 1) * 1_000).length;

  it('sends 30·8 + 20·8/2 = 320 arrivals, in order, within the 8 s', () => {
    expect(offsets).toHaveLength(320);
    expect(offsets[0]).toBe(0);
    for (let index = 1; index < offsets.length; index++) {
      expect(offsets[index]).toBeGreaterThan(offsets[index - 1] ?? Number.POSITIVE_INFINITY);
    }
    expect(offsets[offsets.length - 1]).toBeLessThan(8_000);
  });

  it('ramps the rate from 30 to 50 per second', () => {
    expect(inSecond(0)).toBeGreaterThanOrEqual(30);
    expect(inSecond(0)).toBeLessThanOrEqual(32);
    expect(inSecond(7)).toBeGreaterThanOrEqual(48);
    expect(inSecond(7)).toBeLessThanOrEqual(50);
  });

  it('is evenly spaced at a constant rate', () => {
    expect(rampArrivalOffsetsMs(10, 10, 1)).toEqual(
      [0, 100, 200, 300, 400, 500, 600, 700, 800, 900].map((ms) => expect.closeTo(ms, 9)),
    );
  });
});
