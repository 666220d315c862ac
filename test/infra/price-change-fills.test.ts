import { describe, expect, it } from 'vitest';
import { lockstepTemplate, logicalIdOfEntry, resource, resourcesOfType } from './lockstep-template';

describe('price-change fills', () => {
  const template = lockstepTemplate();
  const [tableId] = Object.keys(resourcesOfType(template, 'AWS::DynamoDB::Table'));
  const mappings = Object.values(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping'));

  it('streams the keys of every change of the table', () => {
    expect(resource(template, tableId ?? 'missing').Properties?.StreamSpecification).toEqual({
      StreamViewType: 'KEYS_ONLY',
    });
  });

  it('invokes FillOrders, and only it, for changes of asset items, retrying a failed pass', () => {
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toMatchObject({
      FunctionName: { Ref: logicalIdOfEntry(template, 'lambdas/fill-orders.ts') },
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'LATEST',
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: true,
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: ['ASSET'] } } } }) }],
      },
    });
  });
});
