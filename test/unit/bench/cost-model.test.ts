import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AwsPricing, loadAwsPricing } from '../../../bench/cost/aws-pricing';
import { billedSeconds, costPerThousand, type OperationUsage } from '../../../bench/cost/cost-model';

/** Round numbers, so every expected figure below can be checked by hand. */
const pricing: AwsPricing = {
  region: 'us-east-1',
  currency: 'USD',
  recordedOn: '2026-01-01',
  recordedHow: 'test',
  excludes: 'test',
  dynamodb: { source: 't', writeRequestUnitPerMillion: 1, readRequestUnitPerMillion: 0.2 },
  lambda: {
    source: 't',
    architecture: 'arm64',
    requestsPerMillion: 0.2,
    perGbSecond: 0.00001,
    billedDurationIncrementMs: 1,
  },
  stepFunctionsExpress: {
    source: 't',
    requestsPerMillion: 1,
    perGbSecond: 0.00002,
    billedDurationIncrementMs: 100,
    billedMemoryMb: 64,
  },
  httpApi: { source: 't', requestsPerMillion: 1 },
};

const deposit: OperationUsage = {
  writeRequestUnits: 7,
  readRequestUnits: 0,
  lambdaInvocations: [{ fn: 'deposit', durationMs: 9.2 }],
  lambdaMemoryMb: 512,
  workflowExecutions: [],
  httpApiRequests: 1,
};

const buy: OperationUsage = {
  writeRequestUnits: 15,
  readRequestUnits: 2,
  lambdaInvocations: [
    { fn: 'buy', durationMs: 40 },
    { fn: 'ReserveOrder', durationMs: 6 },
    { fn: 'CommitOrder', durationMs: 7 },
  ],
  lambdaMemoryMb: 1024,
  workflowExecutions: [{ durationMs: 13 }],
  httpApiRequests: 1,
};

describe('costPerThousand', () => {
  it('prices a deposit from its counted units and measured handler time', () => {
    const cost = costPerThousand(deposit, pricing);
    expect(cost.dynamodbWrites).toBeCloseTo(0.007, 12); // 7 WRU × 1,000 × $1 / 1M
    expect(cost.dynamodbReads).toBe(0);
    expect(cost.lambdaRequests).toBeCloseTo(0.0002, 12);
    expect(cost.lambdaDuration).toBeCloseTo(0.00005, 12); // 10 ms billed × 0.5 GB × $0.00001 × 1,000
    expect(cost.stepFunctionsRequests).toBe(0);
    expect(cost.stepFunctionsDuration).toBe(0);
    expect(cost.httpApiRequests).toBeCloseTo(0.001, 12);
    expect(cost.total).toBeCloseTo(0.007 + 0.0002 + 0.00005 + 0.001, 12);
  });

  it('adds the order workflow: three Lambdas and one Express execution billed at 100 ms and 64 MB', () => {
    const cost = costPerThousand(buy, pricing);
    expect(cost.dynamodbWrites).toBeCloseTo(0.015, 12);
    expect(cost.dynamodbReads).toBeCloseTo(0.0004, 12);
    expect(cost.lambdaRequests).toBeCloseTo(0.0006, 12);
    expect(cost.lambdaDuration).toBeCloseTo(0.053 * 1 * 0.00001 * 1000, 12);
    expect(cost.stepFunctionsRequests).toBeCloseTo(0.001, 12);
    expect(cost.stepFunctionsDuration).toBeCloseTo(0.1 * (64 / 1024) * 0.00002 * 1000, 12);
    const lines = [
      cost.dynamodbWrites,
      cost.dynamodbReads,
      cost.lambdaRequests,
      cost.lambdaDuration,
      cost.stepFunctionsRequests,
      cost.stepFunctionsDuration,
      cost.httpApiRequests,
    ];
    expect(cost.total).toBeCloseTo(
      lines.reduce((sum, line) => sum + line, 0),
      12,
    );
  });

  it('scales linearly with the counts', () => {
    const doubled = costPerThousand({ ...deposit, writeRequestUnits: 14 }, pricing);
    expect(doubled.dynamodbWrites).toBeCloseTo(2 * costPerThousand(deposit, pricing).dynamodbWrites, 12);
  });
});

describe('billedSeconds', () => {
  it('rounds up to the increment and bills at least one', () => {
    expect(billedSeconds(9.2, 1)).toBe(0.01);
    expect(billedSeconds(10, 1)).toBe(0.01);
    expect(billedSeconds(0, 1)).toBe(0.001);
    expect(billedSeconds(13, 100)).toBe(0.1);
    expect(billedSeconds(100.5, 100)).toBe(0.2);
  });
});

describe('bench/aws-pricing.json', () => {
  it('is the one price list, dated and sourced', () => {
    const prices = loadAwsPricing();
    expect(prices.region).toBe('us-east-1');
    expect(prices.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const source of [prices.dynamodb, prices.lambda, prices.stepFunctionsExpress, prices.httpApi]) {
      expect(source.source.length).toBeGreaterThan(10);
    }
  });

  it('refuses a price list with a price missing or not positive', () => {
    const directory = mkdtempSync(join(tmpdir(), 'bench-pricing-'));
    const broken = join(directory, 'prices.json');
    writeFileSync(broken, JSON.stringify({ ...pricing, httpApi: { source: 't', requestsPerMillion: -1 } }));
    expect(() => loadAwsPricing(pathToFileURL(broken))).toThrow();
    writeFileSync(broken, JSON.stringify({ ...pricing, dynamodb: undefined }));
    expect(() => loadAwsPricing(pathToFileURL(broken))).toThrow();
  });
});
