import { describe, expect, it } from 'vitest';
import { lockstepTemplate, renderJoin, resourcesOfType } from './lockstep-template';

describe('default assets', () => {
  const template = lockstepTemplate();
  const [tableId] = Object.keys(resourcesOfType(template, 'AWS::DynamoDB::Table'));
  const seeds = Object.values(resourcesOfType(template, 'Custom::AWS')).map((seed) => ({
    create: JSON.parse(renderJoin(seed.Properties?.Create)),
    update: JSON.parse(renderJoin(seed.Properties?.Update)),
  }));

  it('puts each contract default asset only where it is missing', () => {
    expect(seeds.map(({ create }) => create.parameters.Item)).toEqual([
      {
        pk: { S: 'ASSET' },
        sk: { S: 'BTC' },
        asset: { S: 'BTC' },
        name: { S: 'Bitcoin' },
        price: { S: '50000.00' },
      },
      {
        pk: { S: 'ASSET' },
        sk: { S: 'ETH' },
        asset: { S: 'ETH' },
        name: { S: 'Ether' },
        price: { S: '3000.00' },
      },
      {
        pk: { S: 'ASSET' },
        sk: { S: 'SOL' },
        asset: { S: 'SOL' },
        name: { S: 'Solana' },
        price: { S: '150.00' },
      },
    ]);
    for (const { create, update } of seeds) {
      expect(create).toMatchObject({
        service: 'DynamoDB',
        action: 'PutItem',
        parameters: { TableName: `\${${tableId}}`, ConditionExpression: 'attribute_not_exists(pk)' },
        ignoreErrorCodesMatching: 'ConditionalCheckFailedException',
      });
      expect(update).toEqual(create);
    }
  });
});
