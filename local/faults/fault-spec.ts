/**
 * LOCKSTEP_FAULTS, the local-only fault switch: `rate=0.05,seed=42` and optionally `taskRate=…`
 * and `pauseShare=…`. Off unless set. Nothing under lambdas/ or common/ imports local/faults, so
 * none of it can reach the AWS build.
 */
export interface FaultSpec {
  /** Probability that one DynamoDB call gets a fault. */
  readonly rate: number;
  /** Probability that one workflow task invocation gets a fault; `rate` unless given. */
  readonly taskRate: number;
  /** Share of DynamoDB faults that are a pause past the lease, the costliest kind. */
  readonly pauseShare: number;
  readonly seed: number;
}

export const FAULTS_ENV = 'LOCKSTEP_FAULTS';

export function parseFaultSpec(text: string): FaultSpec {
  const fields = new Map<string, string>();
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [name = '', value] = part.split('=', 2);
    if (value === undefined) throw new Error(`${FAULTS_ENV}: "${part}" is not name=value.`);
    fields.set(name, value);
  }
  const known = new Set(['rate', 'taskRate', 'pauseShare', 'seed']);
  const unknown = [...fields.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw new Error(`${FAULTS_ENV}: unknown field ${unknown.join(', ')}; known: ${[...known].join(', ')}.`);
  const rate = probability(fields.get('rate') ?? '0.05', 'rate');
  return {
    rate,
    taskRate: probability(fields.get('taskRate') ?? String(rate), 'taskRate'),
    pauseShare: probability(fields.get('pauseShare') ?? '0.03', 'pauseShare'),
    seed: wholeNumber(fields.get('seed') ?? '1'),
  };
}

function probability(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`${FAULTS_ENV}: ${name} must be a probability from 0 to 1, not "${text}".`);
  }
  return value;
}

function wholeNumber(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new Error(`${FAULTS_ENV}: seed must be a whole number, not "${text}".`);
  return Number(text);
}
