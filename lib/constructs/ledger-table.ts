import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableSchema } from '../../common/storage/table-schema';
import type { DataRetention } from '../data-retention';

export interface LedgerTableProps {
  readonly retention: DataRetention;
}

/** The single table, derived from `tableSchema` so that AWS and DynamoDB Local cannot disagree. */
export class LedgerTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: LedgerTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retention.deletionProtection,
      removalPolicy: props.retention.removalPolicy,
      // Keys only: the fill pass reads the price itself, strongly consistently (ADR 0011).
      stream: StreamViewType.KEYS_ONLY,
    });

    const { pendingOrdersIndex } = tableSchema;
    // Sparse (only PENDING orders carry its keys), so projecting ALL is cheap and spares a read per order.
    this.table.addGlobalSecondaryIndex({
      indexName: pendingOrdersIndex.indexName,
      partitionKey: { name: pendingOrdersIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: pendingOrdersIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  /** ARN of the pending-orders index, for Query grants. */
  get pendingOrdersIndexArn(): string {
    return `${this.table.tableArn}/index/${tableSchema.pendingOrdersIndex.indexName}`;
  }
}
