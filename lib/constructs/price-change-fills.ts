import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { ASSET_PK } from '../../common/storage/keys';
import { acknowledge } from '../nag';

export interface PriceChangeFillsProps {
  readonly table: ITable;
  readonly fillOrders: IFunction;
}

/**
 * A price change fills the open orders it satisfies, asynchronously: the table's stream, filtered to
 * asset items, invokes FillOrders, so the admin's PUT answers at once and no change is missed (the
 * stream keeps a record 24 hours and retries a failed pass). See ADR 0011.
 */
export class PriceChangeFills extends Construct {
  constructor(scope: Construct, id: string, props: PriceChangeFillsProps) {
    super(scope, id);
    const { fillOrders, table } = props;
    fillOrders.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.LATEST,
        // Only asset items: every other write in the table is filtered out before Lambda is invoked.
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.isEqual(ASSET_PK) } } } })],
        batchSize: 10,
        retryAttempts: 5,
        bisectBatchOnError: true,
      }),
    );
    acknowledge(
      fillOrders,
      'Serverless-LambdaDLQ',
      'Invoked by a stream event source mapping, never asynchronously: a dead-letter queue would receive nothing. A failed pass is retried by the stream, then superseded by the reaper.',
    );
    acknowledge(
      fillOrders,
      'Serverless-LambdaEventSourceMappingDestination',
      'A pass that still fails after its retries is superseded by the reaper, which runs the same pass every minute at the listed prices.',
    );
  }
}
