import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type FillReport, fillSatisfiedOrders } from '../common/limit-orders/fill-open-orders';
import { withMetrics } from '../common/observability/metrics';

/**
 * Invoked by the table's stream, filtered to asset items: each price change runs one fill pass over
 * that asset's open orders at the listed price. A pass that throws fails the batch, and the stream
 * retries it; a pass is safe to repeat, as every fill is conditional on the order still being OPEN.
 */
export const handler = withMetrics(async (event: DynamoDBStreamEvent): Promise<FillReport[]> => {
  const assets = new Set<string>();
  for (const record of event.Records) {
    const symbol = record.dynamodb?.Keys?.sk?.S;
    if (symbol) assets.add(symbol);
  }
  const reports: FillReport[] = [];
  for (const asset of assets) reports.push(await fillSatisfiedOrders(asset));
  return reports;
});
