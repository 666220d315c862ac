import { parse } from 'lossless-json';
import { ValidationError } from '../errors';
import { NumberLiteral } from '../money/number-literal';

/**
 * JSON.parse turns every number literal into a binary double, so `987654321.87654321` arrives as
 * 987654321.8765432 and `0.30000000000000001` as 0.3: what the money code would then parse is not
 * what the client wrote, and whether it is depends on the value. Node 20's JSON.parse cannot show a
 * literal's source text, so the body is read with lossless-json, which hands each number literal
 * over as written; it becomes a NumberLiteral, read exactly by common/money.
 */
export function parseJsonExactly(text: string): unknown {
  try {
    return parse(text, null, {
      parseNumber: (literal) => new NumberLiteral(literal),
      onDuplicateKey: ({ key }) => {
        throw new ValidationError(`The field ${JSON.stringify(key).slice(0, 60)} appears twice.`);
      },
    });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    // A SyntaxError, or a RangeError from nesting deep enough to exhaust the stack.
    throw new ValidationError('The body must be a JSON object.');
  }
}
