import { LEASE_SECONDS } from '../../common/lease/lease-durations';
import type { FaultSpec } from './fault-spec';
import { type Random, seededRandom } from './seeded-random';

/** The line prefix check/ counts faults by; one JSON object follows it. */
export const FAULT_LINE_PREFIX = 'LOCKSTEP_FAULT ';

export type DynamoDbFault =
  /** The call fails before sending, as if the SDK's own retries were used up. */
  | { readonly kind: 'dynamodb.throttle'; readonly layer: 'call' }
  /** One attempt fails before sending; the SDK retries it. */
  | { readonly kind: 'dynamodb.throttle-attempt'; readonly layer: 'attempt' }
  | { readonly kind: 'dynamodb.socket-reset'; readonly layer: 'call' }
  /** The write is applied, then its answer is lost: the caller sees a timeout. */
  | { readonly kind: 'dynamodb.lost-answer'; readonly layer: 'call' }
  /** The write is applied, its answer is lost, and the SDK sends the very same request again. */
  | { readonly kind: 'dynamodb.lost-answer-attempt'; readonly layer: 'attempt' }
  | { readonly kind: 'dynamodb.delay'; readonly layer: 'call'; readonly ms: number }
  /** Longer than any lease (10 to 20 s), so the fence must refuse what the caller writes next. */
  | { readonly kind: 'dynamodb.pause-past-lease'; readonly layer: 'call'; readonly ms: number };

export type TaskFault =
  | { readonly kind: 'task.fail-before' }
  /** The task did its work, then failed to report it: the state machine retries or rolls back. */
  | { readonly kind: 'task.fail-after' }
  /** The state machine stops waiting while the task goes on running, as a Lambda does. */
  | { readonly kind: 'task.timeout'; readonly afterMs: number }
  | { readonly kind: 'task.pause-past-lease'; readonly ms: number };

const ORDER_LEASE_MS = LEASE_SECONDS.order * 1000;
const SHORTEST_LEASE_MS = Math.min(...Object.values(LEASE_SECONDS)) * 1000;

/**
 * Seeded decisions. The seed fixes the sequence of draws; which call meets which draw still depends
 * on timing, so a seed reproduces the mix of faults, not the exact calls they hit.
 */
export class FaultDice {
  private readonly random: Random;
  enabled = true;

  constructor(private readonly spec: FaultSpec) {
    this.random = seededRandom(spec.seed);
  }

  private next(): number {
    return this.random.next();
  }

  private between(min: number, max: number): number {
    return this.random.int(min, max);
  }

  dynamoDbFault(): DynamoDbFault | undefined {
    if (!this.enabled || this.next() >= this.spec.rate) return undefined;
    let roll = this.next();
    if (roll < this.spec.pauseShare) {
      return {
        kind: 'dynamodb.pause-past-lease',
        layer: 'call',
        ms: this.between(SHORTEST_LEASE_MS + 1_000, ORDER_LEASE_MS + 1_000),
      };
    }
    roll = this.next();
    if (roll < 0.25) return { kind: 'dynamodb.throttle', layer: 'call' };
    if (roll < 0.4) return { kind: 'dynamodb.throttle-attempt', layer: 'attempt' };
    if (roll < 0.55) return { kind: 'dynamodb.socket-reset', layer: 'call' };
    if (roll < 0.7) return { kind: 'dynamodb.lost-answer', layer: 'call' };
    if (roll < 0.82) return { kind: 'dynamodb.lost-answer-attempt', layer: 'attempt' };
    return { kind: 'dynamodb.delay', layer: 'call', ms: this.between(20, 300) };
  }

  taskFault(): TaskFault | undefined {
    if (!this.enabled || this.next() >= this.spec.taskRate) return undefined;
    const roll = this.next();
    if (roll < 0.4) return { kind: 'task.fail-before' };
    if (roll < 0.72) return { kind: 'task.fail-after' };
    if (roll < 0.95) return { kind: 'task.timeout', afterMs: this.between(0, 200) };
    return { kind: 'task.pause-past-lease', ms: ORDER_LEASE_MS + this.between(1_000, 2_000) };
  }
}

/** One line per fault on stderr, for the checker's count and for reading the server log after a failure. */
export function reportFault(fault: DynamoDbFault | TaskFault, target: string): void {
  process.stderr.write(`${FAULT_LINE_PREFIX}${JSON.stringify({ kind: fault.kind, target })}\n`);
}
