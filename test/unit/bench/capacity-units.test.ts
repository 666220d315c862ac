import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { unitsOf } from '../../../bench/metering/capacity-units';
import { attributeValueSize, itemSize, numberSize } from '../../../bench/metering/item-size';

const text = (length: number): AttributeValue => ({ S: 'x'.repeat(length) });
const key = { pk: { S: 'USER#u' }, sk: { S: 'BALANCE' } };

describe('item sizes', () => {
  it('counts attribute names and values by DynamoDB’s rules', () => {
    expect(itemSize({ ab: { S: 'xyz' } })).toBe(5);
    expect(itemSize({ é: { S: 'é' } })).toBe(4);
    expect(numberSize('12345')).toBe(4);
    expect(numberSize('-0.00100')).toBe(2);
    expect(numberSize('100000000000')).toBe(2);
    expect(attributeValueSize({ BOOL: true })).toBe(1);
    expect(attributeValueSize({ M: {} })).toBe(3);
    expect(attributeValueSize({ M: { a: { S: 'bc' } } })).toBe(3 + 1 + 1 + 2);
    expect(attributeValueSize({ L: [{ S: 'a' }, { N: '7' }] })).toBe(3 + (1 + 1) + (1 + 2));
    expect(attributeValueSize({ SS: ['ab', 'c'] })).toBe(3);
  });
});

describe('request units from the requests sent', () => {
  it('charges a transaction 2 WRU per started KB of each written item, and 2 RRU per ConditionCheck', () => {
    const units = unitsOf(
      'TransactWriteItems',
      {
        TransactItems: [
          {
            Update: {
              TableName: 't',
              Key: key,
              UpdateExpression: 'SET a = :a',
              ExpressionAttributeValues: { ':a': text(10) },
            },
          },
          { Put: { TableName: 't', Item: { ...key, big: text(1_100) } } },
          { Put: { TableName: 't', Item: { ...key, small: text(10) } } },
          { ConditionCheck: { TableName: 't', Key: key, ConditionExpression: 'attribute_exists(pk)' } },
        ],
      },
      {},
    );
    expect(units).toEqual({ writeUnits: 2 + 4 + 2, readUnits: 2 });
  });

  it('charges standard writes 1 WRU per started KB, taking the returned item when it is larger', () => {
    expect(unitsOf('PutItem', { TableName: 't', Item: { ...key, v: text(1_024) } }, {})).toEqual({
      writeUnits: 2,
      readUnits: 0,
    });
    expect(
      unitsOf(
        'UpdateItem',
        {
          TableName: 't',
          Key: key,
          UpdateExpression: 'SET a = :a',
          ExpressionAttributeValues: { ':a': text(5) },
        },
        { Attributes: { ...key, snapshot: text(2_000) } },
      ),
    ).toEqual({ writeUnits: 2, readUnits: 0 });
    expect(unitsOf('DeleteItem', { TableName: 't', Key: key }, undefined)).toEqual({
      writeUnits: 1,
      readUnits: 0,
    });
  });

  it('charges reads per started 4 KB, half for eventually consistent ones, the minimum when nothing is found', () => {
    expect(
      unitsOf(
        'GetItem',
        { TableName: 't', Key: key, ConsistentRead: true },
        { Item: { ...key, v: text(5_000) } },
      ),
    ).toEqual({ writeUnits: 0, readUnits: 2 });
    expect(unitsOf('GetItem', { TableName: 't', Key: key }, { Item: { ...key } })).toEqual({
      writeUnits: 0,
      readUnits: 0.5,
    });
    expect(unitsOf('GetItem', { TableName: 't', Key: key, ConsistentRead: true }, {})).toEqual({
      writeUnits: 0,
      readUnits: 1,
    });
    const twoSmallItems = { Items: [{ v: text(100) }, { v: text(100) }] };
    expect(unitsOf('Query', { TableName: 't', ConsistentRead: true }, twoSmallItems)).toEqual({
      writeUnits: 0,
      readUnits: 1,
    });
  });

  it('charges a BatchGetItem per item, including keys it did not find', () => {
    const units = unitsOf(
      'BatchGetItem',
      { RequestItems: { t: { Keys: [key, key, key], ConsistentRead: true } } },
      { Responses: { t: [{ ...key, v: text(5_000) }, { ...key }] } },
    );
    expect(units).toEqual({ writeUnits: 0, readUnits: 2 + 1 + 1 });
  });

  it('charges nothing for control-plane calls', () => {
    expect(unitsOf('ListTables', {}, {})).toEqual({ writeUnits: 0, readUnits: 0 });
  });
});
