import type { OperationSpec } from '../operations';
import type { LatencySeriesResult } from '../scenarios/latency';
import type { RoundTripResult } from '../scenarios/round-trips';
import type { OperationUsage } from './cost-model';

/**
 * From what the benchmark measured to what AWS would bill for one operation:
 * - request units: counted from the requests of one uncontended call (round-trips.ts);
 * - the handler's Lambda duration: its mean in-process time, measured here. In AWS every DynamoDB
 *   round trip takes longer than against DynamoDB Local, so this is a local figure, said as such;
 * - an order also runs the Reserve and Commit tasks as Lambdas inside one Express execution. Locally
 *   they run inside the buy or sell handler's time, so each task is taken to last as long as its
 *   one TransactWriteItems, and the execution as long as both. The buy or sell Lambda itself is
 *   billed for its whole wait, as StartSyncExecution keeps it waiting in AWS too.
 */
export function lockstepUsage(
  spec: OperationSpec,
  roundTrips: RoundTripResult,
  inProcess: LatencySeriesResult,
  lambdaMemoryMb: number,
): OperationUsage {
  const handlerMs = inProcess.summary?.mean ?? 0;
  const [reserveMs = 0, commitMs = 0] = inProcess.usage?.transactWriteMs ?? [];
  const handler = { fn: spec.name, durationMs: handlerMs };
  return {
    writeRequestUnits: roundTrips.units.writeUnits,
    readRequestUnits: roundTrips.units.readUnits,
    lambdaInvocations: spec.placesOrder
      ? [handler, { fn: 'ReserveOrder', durationMs: reserveMs }, { fn: 'CommitOrder', durationMs: commitMs }]
      : [handler],
    lambdaMemoryMb,
    workflowExecutions: spec.placesOrder ? [{ durationMs: reserveMs + commitMs }] : [],
    httpApiRequests: 1,
  };
}

/** The baseline deposit as if it ran in a Lambda of the same size behind the same API. */
export function baselineUsage(baseline: LatencySeriesResult, lambdaMemoryMb: number): OperationUsage {
  return {
    writeRequestUnits: baseline.usage?.writeUnitsPerCall ?? 0,
    readRequestUnits: baseline.usage?.readUnitsPerCall ?? 0,
    lambdaInvocations: [{ fn: 'baseline deposit', durationMs: baseline.summary?.mean ?? 0 }],
    lambdaMemoryMb,
    workflowExecutions: [],
    httpApiRequests: 1,
  };
}
