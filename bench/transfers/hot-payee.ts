import { setTimeout as sleep } from 'node:timers/promises';
import { CASH_SCALE } from '../../common/money/amounts';
import type { RequestCounter } from '../../common/storage/request-counter';
import type { ApiAnswer, ApiClient, BenchUser } from '../clients/api-client';
import { newBenchUser } from '../clients/bench-user';
import { fromMinorUnits, toMinorUnits } from '../money-text';
import { rampArrivalOffsetsMs } from '../scenarios/arrival-schedule';
import { isIndefinite, statusKey } from '../scenarios/hot-user';
import { type LatencySummary, summarizeLatencies } from '../stats/latency-summary';

/** The load: payers paying one payee, open loop at a steady rate, payers taking turns. */
export const HOT_PAYEE_LOAD = {
  payers: 50,
  transfersPerSecond: 50,
  seconds: 8,
  amount: '1.25',
  payerFundedWith: '1000.00',
  payeeFundedWith: '1.00',
} as const;

export const HOT_PAYEE_TARGETS = { successRate: 0.99, p95Ms: 1_000 } as const;

const RESOLVE_ATTEMPTS = 5;

interface Call {
  readonly payer: BenchUser;
  readonly key: string;
  readonly answer: ApiAnswer;
  resolved?: ApiAnswer;
}

/**
 * `one`: every payer pays the same payee (the scenario the targets judge). `distinct`: the same load
 * with each payer paying a payee of its own, so no two payments wait for one lock; it shows what
 * the machine and DynamoDB Local carry at that rate, against which the hot payee is read.
 */
export type PayeeShape = 'one' | 'distinct';

export interface HotPayeeResult {
  readonly payees: PayeeShape;
  readonly load: typeof HOT_PAYEE_LOAD;
  readonly requests: number;
  readonly succeeded: number;
  readonly successRate: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly latency: LatencySummary | undefined;
  readonly wallSeconds: number;
  /** Every payer's and payee's balance against the model built from the 201 answers alone. */
  readonly balances: {
    readonly exact: boolean;
    /** The hot payee's (the first payee's, for `distinct`). */
    readonly payee: { readonly expected: string; readonly actual: string };
    readonly accountsDiffering: number;
  };
  readonly unresolved: number;
  /** DynamoDB requests during the load, and per 201: what waiting for the payee's lock cost. */
  readonly dynamodb: { readonly requests: Readonly<Record<string, number>>; readonly perTransfer: number };
}

async function deposit(client: ApiClient, user: BenchUser, amount: string): Promise<void> {
  const answer = await client.send(user, { method: 'POST', path: '/deposits', body: { amount } });
  if (answer.status !== 201) throw new Error(`Funding ${user.userId} got ${answer.status}: ${answer.body}`);
}

async function cashOf(client: ApiClient, user: BenchUser): Promise<bigint> {
  const answer = await client.send(user, { method: 'GET', path: '/balance' });
  if (answer.status !== 200) throw new Error(`GET /balance got ${answer.status}: ${answer.body}`);
  const balance = JSON.parse(answer.body) as { cash: { available: string; held: string } };
  return toMinorUnits(balance.cash.available, CASH_SCALE) + toMinorUnits(balance.cash.held, CASH_SCALE);
}

/**
 * A merchant receiving payments: 50 payers pay one payee at 50 transfers a second for 8 s, through
 * the local HTTP API, every POST with an Idempotency-Key and every indefinite answer resent with the
 * same key until it is definite. Then every balance is held against the model of the 201 answers.
 * `run` names the run's users and keys, so a warm-up run shares none with the measured one.
 */
export async function runHotPayee(
  client: ApiClient,
  counter: RequestCounter,
  payees: PayeeShape,
  run: string = payees,
): Promise<HotPayeeResult> {
  const load = HOT_PAYEE_LOAD;
  const funded = async (label: string, amount: string) => {
    const user = await newBenchUser(`${run}-${label}`);
    await deposit(client, user, amount);
    return user;
  };
  const payers = await Promise.all(
    Array.from({ length: load.payers }, (_, index) => funded(`payer-${index}`, load.payerFundedWith)),
  );
  const payeeOf = new Map<BenchUser, BenchUser>();
  const hot = await funded('payee', load.payeeFundedWith);
  for (const [index, payer] of payers.entries()) {
    payeeOf.set(
      payer,
      payees === 'one' || index === 0 ? hot : await funded(`payee-${index}`, load.payeeFundedWith),
    );
  }
  const send = (payer: BenchUser, key: string) =>
    client.send(payer, {
      method: 'POST',
      path: '/transfers',
      body: { to: payeeOf.get(payer)?.userId, amount: load.amount, memo: 'bench' },
      idempotencyKey: key,
    });

  const offsets = rampArrivalOffsetsMs(load.transfersPerSecond, load.transfersPerSecond, load.seconds);
  const calls: Call[] = [];
  counter.reset();
  const origin = performance.now() + 50;
  await Promise.all(
    offsets.map(async (offsetMs, index) => {
      await sleep(Math.max(0, origin + offsetMs - performance.now()));
      const payer = payers[index % payers.length] as BenchUser;
      const key = `${run}-payee-${index}`;
      calls.push({ payer, key, answer: await send(payer, key) });
    }),
  );
  const wallSeconds = (performance.now() - origin) / 1_000;
  const dynamodbRequests = Object.fromEntries(counter.counts);

  for (const call of calls.filter((candidate) => isIndefinite(candidate.answer.status))) {
    for (let attempt = 0; attempt < RESOLVE_ATTEMPTS && !call.resolved; attempt++) {
      const answer = await send(call.payer, call.key);
      if (!isIndefinite(answer.status) && answer.status !== 409) call.resolved = answer;
      else await sleep(500);
    }
  }

  const amount = toMinorUnits(load.amount, CASH_SCALE);
  const expected = new Map<BenchUser, bigint>();
  for (const payer of payers) {
    expected.set(payer, toMinorUnits(load.payerFundedWith, CASH_SCALE));
    expected.set(payeeOf.get(payer) ?? hot, toMinorUnits(load.payeeFundedWith, CASH_SCALE));
  }
  for (const call of calls) {
    if ((call.resolved ?? call.answer).status !== 201) continue;
    const payee = payeeOf.get(call.payer) ?? hot;
    expected.set(call.payer, (expected.get(call.payer) ?? 0n) - amount);
    expected.set(payee, (expected.get(payee) ?? 0n) + amount);
  }
  let accountsDiffering = 0;
  let actualPayee = 0n;
  for (const [user, cents] of expected) {
    const actual = await cashOf(client, user);
    if (user === hot) actualPayee = actual;
    if (actual !== cents) accountsDiffering++;
  }

  const statuses: Record<string, number> = {};
  for (const call of calls) statuses[statusKey(call.answer)] = (statuses[statusKey(call.answer)] ?? 0) + 1;
  const succeeded = calls.filter((call) => call.answer.status === 201).length;
  const totalRequests = Object.values(dynamodbRequests).reduce((sum, count) => sum + count, 0);
  return {
    payees,
    load,
    requests: calls.length,
    succeeded,
    successRate: calls.length === 0 ? 0 : succeeded / calls.length,
    statuses,
    latency: summarizeLatencies(
      calls.filter((call) => call.answer.status !== 0).map((call) => call.answer.elapsedMs),
    ),
    wallSeconds: Math.round(wallSeconds * 1_000) / 1_000,
    balances: {
      exact: accountsDiffering === 0,
      payee: {
        expected: fromMinorUnits(expected.get(hot) ?? 0n, CASH_SCALE),
        actual: fromMinorUnits(actualPayee, CASH_SCALE),
      },
      accountsDiffering,
    },
    unresolved: calls.filter((call) => isIndefinite((call.resolved ?? call.answer).status)).length,
    dynamodb: {
      requests: dynamodbRequests,
      perTransfer: succeeded === 0 ? 0 : Math.round((totalRequests / succeeded) * 100) / 100,
    },
  };
}
