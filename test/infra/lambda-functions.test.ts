import { describe, expect, it } from 'vitest';
import {
  catalogFunctionsByEntry,
  lockstepTemplate,
  referencedLogicalId,
  resource,
} from './lockstep-template';

const TIMEOUT_SECONDS_OF_ENTRY: Record<string, number> = {
  'lambdas/health.ts': 10,
  'lambdas/route-not-found.ts': 10,
  'lambdas/list-assets.ts': 10,
  'lambdas/put-asset.ts': 10,
  'lambdas/deposit.ts': 10,
  'lambdas/withdraw.ts': 10,
  'lambdas/transfer.ts': 10,
  'lambdas/place-hold.ts': 10,
  'lambdas/capture-hold.ts': 10,
  'lambdas/void-hold.ts': 10,
  'lambdas/list-holds.ts': 10,
  'lambdas/get-hold.ts': 10,
  'lambdas/buy.ts': 28,
  'lambdas/sell.ts': 28,
  'lambdas/get-balance.ts': 10,
  'lambdas/get-portfolio.ts': 10,
  'lambdas/list-orders.ts': 10,
  'lambdas/get-order.ts': 10,
  'lambdas/list-transactions.ts': 10,
  'lambdas/get-user-limits.ts': 10,
  'lambdas/put-user-limits.ts': 10,
  'lambdas/order-reserve.ts': 10,
  'lambdas/order-commit.ts': 10,
  'lambdas/order-rollback.ts': 10,
  'lambdas/reap-orders.ts': 60,
};

describe('Lambda functions', () => {
  const template = lockstepTemplate();
  const functions = [...catalogFunctionsByEntry(template)].map(([entry, logicalId]) => ({
    entry,
    properties: resource(template, logicalId).Properties ?? {},
  }));

  it('exist once per catalog entry, tagged with their handler module', () => {
    expect(functions.map(({ entry }) => entry).sort()).toEqual(Object.keys(TIMEOUT_SECONDS_OF_ENTRY).sort());
  });

  it.each(Object.keys(TIMEOUT_SECONDS_OF_ENTRY))('%s runs Node.js 22 on arm64 with tracing', (entry) => {
    const fn = functions.find((candidate) => candidate.entry === entry);
    expect(fn?.properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Timeout: TIMEOUT_SECONDS_OF_ENTRY[entry],
    });
  });

  it('tell every handler the table, the service name and to use source maps', () => {
    for (const { entry, properties } of functions) {
      expect(properties.Environment, entry).toMatchObject({
        Variables: {
          TABLE_NAME: { Ref: expect.stringMatching(/^LedgerTable/) },
          POWERTOOLS_SERVICE_NAME: 'lockstep',
          NODE_OPTIONS: '--enable-source-maps',
        },
      });
    }
  });

  it('log to their own log group, kept for a month', () => {
    const logGroups = new Set<string>();
    for (const { entry, properties } of functions) {
      const loggingConfig = properties.LoggingConfig;
      const logGroupId =
        typeof loggingConfig === 'object' && loggingConfig !== null && 'LogGroup' in loggingConfig
          ? referencedLogicalId(loggingConfig.LogGroup)
          : undefined;
      expect(logGroupId, entry).toBeDefined();
      const logGroup = resource(template, logGroupId ?? '');
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties?.RetentionInDays).toBe(30);
      logGroups.add(logGroupId ?? '');
    }
    expect(logGroups.size).toBe(functions.length);
  });

  it('give the state machine ARN to buy and sell only', () => {
    const withArn = functions
      .filter(({ properties }) => JSON.stringify(properties.Environment).includes('STATE_MACHINE_ARN'))
      .map(({ entry }) => entry)
      .sort();
    expect(withArn).toEqual(['lambdas/buy.ts', 'lambdas/sell.ts']);
  });
});
