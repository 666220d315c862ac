/**
 * Open-loop arrival times for a rate that ramps linearly from `startRps` to `endRps` over
 * `seconds`: the k-th arrival comes when the expected count of arrivals so far,
 * N(t) = startRps·t + slope·t²/2, reaches k. Arrivals keep to this schedule whatever the system
 * under test does, so a slow answer cannot slow the load down the way a closed loop would.
 */
export function rampArrivalOffsetsMs(startRps: number, endRps: number, seconds: number): number[] {
  if (startRps <= 0 || endRps <= 0 || seconds <= 0) throw new Error('Rates and duration must be positive');
  const slope = (endRps - startRps) / seconds;
  const total = Math.floor(startRps * seconds + (slope * seconds * seconds) / 2 + 1e-9);
  const offsets: number[] = [];
  for (let k = 0; k < total; k++) {
    const t =
      slope === 0 ? k / startRps : (-startRps + Math.sqrt(startRps * startRps + 2 * slope * k)) / slope;
    offsets.push(t * 1_000);
  }
  return offsets;
}
