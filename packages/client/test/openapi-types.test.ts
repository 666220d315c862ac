import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_TYPES_FILE, renderOpenApiTypes } from '../scripts/openapi-types';

describe('the generated types', () => {
  it('are what openapi.yaml generates today (else run `npm run generate -w @lockstep/client`)', async () => {
    expect(readFileSync(OPENAPI_TYPES_FILE, 'utf8')).toBe(await renderOpenApiTypes());
  });

  it('hold no `unknown` schema: every shape in openapi.yaml is one TypeScript can express', () => {
    const schemas = readFileSync(OPENAPI_TYPES_FILE, 'utf8').split('\n    responses: {')[0] ?? '';
    expect(schemas).toContain('Tx: components["schemas"]["DepositTx"]');
    expect(schemas.match(/.*\bunknown\b.*/g) ?? []).toEqual([]);
  });
});
