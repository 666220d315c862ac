import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/lib-dynamodb';
import type { DeserializeMiddleware } from '@smithy/types';
import { onDocumentClient } from '../../common/storage/client';
import { tableSchema } from '../../common/storage/table-schema';
import { type CapacityUnits, unitsOf } from './capacity-units';

/**
 * The benchmark's own SDK middleware, beside common's request counter: it also sizes every request
 * to price it. It sits right after lib-dynamodb's DocumentUnmarshall, the one place in the stack
 * where both the input and the output are still in marshalled (AttributeValue) form, which is what
 * DynamoDB's size rules are written for. Being inside the retry loop, it sees every attempt, and
 * every attempt is billed.
 */
export interface MeteredRequest {
  readonly operation: string;
  readonly units: CapacityUnits;
  readonly durationMs: number;
  readonly failed: boolean;
}

export interface Capture<T> {
  readonly result: T;
  readonly requests: MeteredRequest[];
  /** Most requests in flight at once, counting those queued for one of the SDK client's sockets. */
  readonly peakInFlight: number;
}

export interface RequestMeter {
  /** The requests sent while `work` ran; attributable only when nothing else runs meanwhile. */
  capture<T>(work: () => Promise<T>): Promise<Capture<T>>;
}

/** The order reaper polls this index in the background; its reads belong to no measured operation. */
const isBackgroundRead = (input: object): boolean =>
  (input as { IndexName?: unknown }).IndexName === tableSchema.pendingOrdersIndex.indexName;

export function installRequestMeter(): RequestMeter {
  let capturing: MeteredRequest[] | undefined;
  let inFlight = 0;
  let peakInFlight = 0;
  const meter: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      const started = performance.now();
      let output: object | undefined;
      let failed = true;
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      try {
        const result = await next(args);
        output = result.output;
        failed = false;
        return result;
      } finally {
        inFlight -= 1;
        if (capturing && !isBackgroundRead(args.input)) {
          capturing.push({
            operation,
            units: unitsOf(operation, args.input, output),
            durationMs: performance.now() - started,
            failed,
          });
        }
      }
    };
  onDocumentClient((client) => {
    client.middlewareStack.addRelativeTo(meter, {
      relation: 'after',
      toMiddleware: 'DocumentUnmarshall',
      name: 'benchRequestMeter',
    });
  });
  return {
    async capture(work) {
      const requests: MeteredRequest[] = [];
      capturing = requests;
      peakInFlight = inFlight;
      try {
        const result = await work();
        return { result, requests, peakInFlight };
      } finally {
        capturing = undefined;
      }
    },
  };
}
