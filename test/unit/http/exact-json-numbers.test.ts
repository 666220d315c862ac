import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../common/errors';
import { assertExactJsonNumbers } from '../../../common/http/exact-json-numbers';

describe('number literals in a JSON body', () => {
  it.each([
    '{"amount":100}',
    '{"amount":100.5}',
    '{"amount":100.50}',
    '{"amount":0.1}',
    '{"quantity":0.00000001}',
    '{"quantity":1e-7}',
    '{"amount":1E3}',
    '{"amount":999999999.99}',
    '{"amount":-5}',
    '{"amount":"0.30000000000000001"}',
    '{"note":"a \\" 0.30000000000000001 inside a string"}',
    '[1,2,3]',
  ])('accepts %s: every literal survives JSON.parse exactly (strings are never touched)', (body) => {
    expect(() => assertExactJsonNumbers(body)).not.toThrow();
  });

  it.each([
    '{"amount":0.30000000000000001}',
    '{"quantity":999999999.99999999}',
    '{"quantity":12345678.123456789}',
    '{"amount":12345678901234567890}',
    '{"amount":1e400}',
    '{"a":{"b":[1,0.10000000000000000001]}}',
  ])('refuses %s: the double JSON.parse makes is not the decimal the client wrote', (body) => {
    expect(() => assertExactJsonNumbers(body)).toThrow(ValidationError);
  });
});
