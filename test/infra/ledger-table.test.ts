import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { lockstepTemplate, resourcesOfType } from './lockstep-template';

describe('ledger table', () => {
  const template = lockstepTemplate();

  it('is the one table, keyed by string pk and sk, billed per request', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('expires items through TTL on expiresAt', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('keeps point-in-time recovery on', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('has the sparse pending-orders index projecting every attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'pending-orders',
          KeySchema: [
            { AttributeName: 'pendingPk', KeyType: 'HASH' },
            { AttributeName: 'pendingSk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('is protected from deletion and retained by default', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it.each([true, 'true'])('is deleted with the stack when destroyData is %j', (destroyData) => {
    const [table, ...others] = Object.values(
      resourcesOfType(lockstepTemplate({ destroyData }), 'AWS::DynamoDB::Table'),
    );
    expect(others).toHaveLength(0);
    expect(table?.DeletionPolicy).toBe('Delete');
    expect(table?.Properties?.DeletionProtectionEnabled).toBe(false);
  });

  it.each([false, 'false', 'yes', 1])(
    'stays retained and protected when destroyData is %j',
    (destroyData) => {
      const [table] = Object.values(
        resourcesOfType(lockstepTemplate({ destroyData }), 'AWS::DynamoDB::Table'),
      );
      expect(table?.DeletionPolicy).toBe('Retain');
      expect(table?.UpdateReplacePolicy).toBe('Retain');
      expect(table?.Properties?.DeletionProtectionEnabled).toBe(true);
    },
  );

  it('keeps point-in-time recovery on even in a throwaway stack', () => {
    lockstepTemplate({ destroyData: true }).hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('retains every log group by default and deletes them all with destroyData, like the table', () => {
    const policies = (context: Record<string, unknown>) =>
      new Set(
        Object.values(resourcesOfType(lockstepTemplate(context), 'AWS::Logs::LogGroup')).map(
          (logGroup) => logGroup.DeletionPolicy,
        ),
      );
    expect(policies({})).toEqual(new Set(['Retain']));
    expect(policies({ destroyData: true })).toEqual(new Set(['Delete']));
  });
});
