import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's item size rules, applied to the marshalled form the SDK sends and receives:
 * - an attribute costs the UTF-8 length of its name plus the size of its value;
 * - a string or binary value costs its length in bytes;
 * - a number costs about 1 byte per two significant digits, plus 1;
 * - a boolean or null costs 1 byte;
 * - a map or list costs 3 bytes, plus 1 byte per element and the elements themselves (a map's keys
 *   count as attribute names);
 * - a set costs the sum of its elements.
 * This is the documented approximation, not DynamoDB's exact internal encoding, which is unpublished.
 */
const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

export function numberSize(text: string): number {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '');
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, significant.length) / 2) + 1;
}

export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Length(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, text) => sum + utf8Length(text), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, text) => sum + numberSize(text), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, bytes) => sum + bytes.byteLength, 0);
  if (value.L !== undefined)
    return 3 + value.L.reduce((sum, element) => sum + 1 + attributeValueSize(element), 0);
  if (value.M !== undefined) {
    return (
      3 +
      Object.entries(value.M).reduce(
        (sum, [name, element]) => sum + 1 + utf8Length(name) + attributeValueSize(element),
        0,
      )
    );
  }
  return 0;
}

export function itemSize(item: Readonly<Record<string, AttributeValue>>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + utf8Length(name) + attributeValueSize(value),
    0,
  );
}
