import type {
  AttributeValue,
  BatchGetItemInput,
  BatchGetItemOutput,
  BatchWriteItemInput,
  DeleteItemInput,
  DeleteItemOutput,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  QueryInput,
  QueryOutput,
  TransactGetItemsInput,
  TransactGetItemsOutput,
  TransactWriteItemsInput,
  UpdateItemInput,
  UpdateItemOutput,
} from '@aws-sdk/client-dynamodb';
import { itemSize } from './item-size';

/**
 * On-demand request units of one DynamoDB request, computed from what was sent and received, because
 * DynamoDB Local's ConsumedCapacity under-counts transactions. The rules:
 * - a standard write: 1 WRU per started KB of the item; a transactional write: 2 per started KB;
 * - a strongly consistent read: 1 RRU per started 4 KB (an eventually consistent one half that);
 *   a transactional read: 2 per started 4 KB; a Query rounds the sum of its items, not each item;
 * - a ConditionCheck inside TransactWriteItems reads the item: a transactional read;
 * - a read that finds nothing still costs the minimum.
 * What cannot be seen from the request is approximated:
 * - UpdateItem and DeleteItem are billed on the larger of the stored item before and after, which
 *   we do not read. We use the key plus every expression value, or the returned item when the
 *   request asked for one (ALL_NEW / ALL_OLD).
 * - ConditionCheck and Delete are sized by their key.
 * Every item lockstep writes is far below 1 KB, so these approximations only matter for an item
 * near a 1 KB boundary; the counts are exact for the items this benchmark writes.
 * A failed conditional write is charged as sent, as DynamoDB charges it.
 */
export interface CapacityUnits {
  readonly writeUnits: number;
  readonly readUnits: number;
}

export const NO_UNITS: CapacityUnits = { writeUnits: 0, readUnits: 0 };

type Item = Readonly<Record<string, AttributeValue>>;

export const writeUnitsForBytes = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
export const readUnitsForBytes = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096));
const consistency = (consistentRead: boolean | undefined): number => (consistentRead ? 1 : 0.5);

export function addUnits(left: CapacityUnits, right: CapacityUnits): CapacityUnits {
  return { writeUnits: left.writeUnits + right.writeUnits, readUnits: left.readUnits + right.readUnits };
}

function updatedItemSize(
  key: Item | undefined,
  values: Item | undefined,
  returned: Item | undefined,
): number {
  const written = itemSize(key ?? {}) + itemSize(values ?? {});
  return Math.max(written, returned ? itemSize(returned) : 0);
}

const writes = (writeUnits: number): CapacityUnits => ({ writeUnits, readUnits: 0 });
const reads = (readUnits: number): CapacityUnits => ({ writeUnits: 0, readUnits });

function transactWriteUnits(input: TransactWriteItemsInput): CapacityUnits {
  return (input.TransactItems ?? []).reduce<CapacityUnits>((sum, item) => {
    if (item.Put) return addUnits(sum, writes(2 * writeUnitsForBytes(itemSize(item.Put.Item ?? {}))));
    if (item.Update) {
      const size = updatedItemSize(item.Update.Key, item.Update.ExpressionAttributeValues, undefined);
      return addUnits(sum, writes(2 * writeUnitsForBytes(size)));
    }
    if (item.Delete) return addUnits(sum, writes(2 * writeUnitsForBytes(itemSize(item.Delete.Key ?? {}))));
    if (item.ConditionCheck) {
      return addUnits(sum, reads(2 * readUnitsForBytes(itemSize(item.ConditionCheck.Key ?? {}))));
    }
    return sum;
  }, NO_UNITS);
}

function transactGetUnits(input: TransactGetItemsInput, output: TransactGetItemsOutput | undefined) {
  const responses = output?.Responses ?? [];
  const units = (input.TransactItems ?? []).reduce((sum, _item, index) => {
    const found = responses[index]?.Item;
    return sum + 2 * readUnitsForBytes(found ? itemSize(found) : 0);
  }, 0);
  return reads(units);
}

function batchGetUnits(input: BatchGetItemInput, output: BatchGetItemOutput | undefined): CapacityUnits {
  let units = 0;
  for (const [table, request] of Object.entries(input.RequestItems ?? {})) {
    const factor = consistency(request.ConsistentRead);
    const found = output?.Responses?.[table] ?? [];
    const unprocessed = output?.UnprocessedKeys?.[table]?.Keys?.length ?? 0;
    const missing = Math.max(0, (request.Keys?.length ?? 0) - found.length - unprocessed);
    units += found.reduce((sum, item) => sum + factor * readUnitsForBytes(itemSize(item)), 0);
    units += missing * factor;
  }
  return reads(units);
}

function batchWriteUnits(input: BatchWriteItemInput): CapacityUnits {
  let units = 0;
  for (const requests of Object.values(input.RequestItems ?? {})) {
    for (const request of requests) {
      if (request.PutRequest) units += writeUnitsForBytes(itemSize(request.PutRequest.Item ?? {}));
      if (request.DeleteRequest) units += writeUnitsForBytes(itemSize(request.DeleteRequest.Key ?? {}));
    }
  }
  return writes(units);
}

/** `operation` is the command name without "Command"; input and output are in marshalled form. */
export function unitsOf(operation: string, input: object, output: object | undefined): CapacityUnits {
  switch (operation) {
    case 'PutItem': {
      const put = input as PutItemInput;
      const old = (output as PutItemOutput | undefined)?.Attributes;
      return writes(writeUnitsForBytes(Math.max(itemSize(put.Item ?? {}), old ? itemSize(old) : 0)));
    }
    case 'UpdateItem': {
      const update = input as UpdateItemInput;
      const returned = (output as UpdateItemOutput | undefined)?.Attributes;
      return writes(
        writeUnitsForBytes(updatedItemSize(update.Key, update.ExpressionAttributeValues, returned)),
      );
    }
    case 'DeleteItem': {
      const deleted = (output as DeleteItemOutput | undefined)?.Attributes;
      const key = (input as DeleteItemInput).Key ?? {};
      return writes(writeUnitsForBytes(Math.max(itemSize(key), deleted ? itemSize(deleted) : 0)));
    }
    case 'GetItem': {
      const found = (output as GetItemOutput | undefined)?.Item;
      const factor = consistency((input as GetItemInput).ConsistentRead);
      return reads(factor * readUnitsForBytes(found ? itemSize(found) : 0));
    }
    case 'Query':
    case 'Scan': {
      const items = (output as QueryOutput | undefined)?.Items ?? [];
      const bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
      return reads(consistency((input as QueryInput).ConsistentRead) * readUnitsForBytes(bytes));
    }
    case 'BatchGetItem':
      return batchGetUnits(input as BatchGetItemInput, output as BatchGetItemOutput | undefined);
    case 'BatchWriteItem':
      return batchWriteUnits(input as BatchWriteItemInput);
    case 'TransactWriteItems':
      return transactWriteUnits(input as TransactWriteItemsInput);
    case 'TransactGetItems':
      return transactGetUnits(input as TransactGetItemsInput, output as TransactGetItemsOutput | undefined);
    default:
      return NO_UNITS;
  }
}
