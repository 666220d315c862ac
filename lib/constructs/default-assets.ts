import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { DEFAULT_ASSETS } from '../../common/assets/default-assets';
import { keys } from '../../common/storage/keys';
import { tableSchema } from '../../common/storage/table-schema';
import { lockstepConfig } from '../config';
import type { DataRetention } from '../data-retention';
import { acknowledge } from '../nag';

export interface DefaultAssetsProps {
  readonly table: { readonly tableName: string; readonly tableArn: string };
  readonly retention: DataRetention;
}

type DefaultAsset = (typeof DEFAULT_ASSETS)[number];

/**
 * Lists the contract's default assets when the stack is created, and again whenever this seed data
 * changes. Each write is conditional, so a price an admin has since changed is never put back.
 */
export class DefaultAssets extends Construct {
  constructor(scope: Construct, id: string, props: DefaultAssetsProps) {
    super(scope, id);
    const policy = AwsCustomResourcePolicy.fromStatements([
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.table.tableArn] }),
    ]);
    // The provider function is a singleton that every seeding resource shares, and so are its log group and role.
    const logGroup = new LogGroup(this, 'SeederLogs', {
      retention: lockstepConfig.logRetentionDays,
      removalPolicy: props.retention.removalPolicy,
    });
    // Not AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    const role = new Role(this, 'SeederRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'lockstep default-asset seeder: its own logs, and PutItem on the ledger table',
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );

    for (const asset of DEFAULT_ASSETS) {
      const putIfMissing = putAssetIfMissing(props.table.tableName, asset);
      new AwsCustomResource(this, asset.asset, {
        onCreate: putIfMissing,
        onUpdate: putIfMissing,
        policy,
        logGroup,
        role,
        memorySize: lockstepConfig.defaultAssetsSeeder.memorySizeMb,
        // The runtime's bundled SDK can do a PutItem; fetching another from npm mid-deploy only adds a way to fail.
        installLatestAwsSdk: false,
      });
    }
    acknowledgeSeederFindings(this);
  }
}

/** The provider is a CDK singleton at the stack's root, shared by every AwsCustomResource of the stack. */
function acknowledgeSeederFindings(scope: Construct): void {
  const providerId = `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll('-', '')}`;
  const provider = Stack.of(scope).node.tryFindChild(providerId);
  if (!provider)
    throw new Error(`The AwsCustomResource provider ${providerId} is not where CDK used to put it`);
  acknowledge(
    provider,
    'Serverless-LambdaDLQ',
    'Runs only during deployments; CloudFormation waits for its answer and fails the deployment without one, so a DLQ would hold nothing to act on.',
  );
  acknowledge(
    provider,
    'Serverless-LambdaTracing',
    'Runs three conditional PutItems per deployment; its log group already shows each call, so traces would add nothing.',
  );
}

function putAssetIfMissing(tableName: string, asset: DefaultAsset): AwsSdkCall {
  const key = keys.asset(asset.asset);
  return {
    service: 'DynamoDB',
    action: 'PutItem',
    parameters: {
      TableName: tableName,
      Item: {
        [tableSchema.partitionKey]: { S: key.pk },
        [tableSchema.sortKey]: { S: key.sk },
        asset: { S: asset.asset },
        name: { S: asset.name },
        price: { S: asset.price },
      },
      ConditionExpression: `attribute_not_exists(${tableSchema.partitionKey})`,
    },
    physicalResourceId: PhysicalResourceId.of(`default-asset-${asset.asset}`),
    // Already listed: the condition did its job, and the deploy must not fail for it.
    ignoreErrorCodesMatching: 'ConditionalCheckFailedException',
  };
}
