import type { RequestCounter } from '../../common/storage/request-counter';
import type { ApiClient } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import { addUnits, type CapacityUnits, NO_UNITS } from '../metering/capacity-units';
import type { RequestMeter } from '../metering/request-meter';
import type { OperationName, OperationSpec } from '../operations';
import { fund, STARTING_ASSET } from './funding';

export interface RoundTripResult {
  readonly operation: OperationName;
  readonly target: number;
  readonly total: number;
  readonly byOperation: Readonly<Record<string, number>>;
  readonly pass: boolean;
  /** Request units of one call, computed from the requests it sent (see capacity-units.ts). */
  readonly units: CapacityUnits;
  readonly samples: number;
}

const SAMPLES = 5;

/**
 * DynamoDB requests of one call, uncontended, for a warm user (one whose lock item already carries
 * a balance snapshot), counted by common's request counter. Each call is counted on its own; the
 * breakdown reported is the one most calls had, so a background request that lands inside one
 * call's window (the order reaper's poll) cannot inflate it.
 */
export async function measureRoundTrips(
  operations: readonly OperationSpec[],
  client: ApiClient,
  counter: RequestCounter,
  meter: RequestMeter,
): Promise<RoundTripResult[]> {
  const results: RoundTripResult[] = [];
  for (const spec of operations) {
    const user = await newBenchUser(`trips-${spec.name}`);
    await fund(client, user, { asset: spec.name === 'sell' ? STARTING_ASSET : undefined });
    await client.send(user, { method: 'POST', path: spec.path, body: spec.body });
    const seen = new Map<string, { counts: Record<string, number>; units: CapacityUnits; times: number }>();
    for (let sample = 0; sample < SAMPLES; sample++) {
      counter.reset();
      const { result: answer, requests } = await meter.capture(() =>
        client.send(user, { method: 'POST', path: spec.path, body: spec.body }),
      );
      if (answer.status !== 201) throw new Error(`${spec.name} answered ${answer.status}: ${answer.body}`);
      const counts = Object.fromEntries([...counter.counts].sort(([a], [b]) => a.localeCompare(b)));
      const key = JSON.stringify(counts);
      const units = requests.reduce((sum, request) => addUnits(sum, request.units), NO_UNITS);
      const entry = seen.get(key) ?? { counts, units, times: 0 };
      seen.set(key, { ...entry, times: entry.times + 1 });
    }
    const modal = [...seen.values()].sort((a, b) => b.times - a.times)[0];
    if (!modal) throw new Error(`No round-trip sample for ${spec.name}`);
    const total = Object.values(modal.counts).reduce((sum, count) => sum + count, 0);
    results.push({
      operation: spec.name,
      target: spec.roundTripTarget,
      total,
      byOperation: modal.counts,
      pass: total <= spec.roundTripTarget,
      units: modal.units,
      samples: SAMPLES,
    });
  }
  return results;
}
