import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { disagreements } from '../support/contract-agreement';
import { CONTRACT_FILE, parseContractPage } from '../support/contract-page';
import { OPENAPI_FILE, OpenApiSpec } from '../support/openapi-validator';

/**
 * docs/api-contract.md and openapi.yaml say the same things about every route and every error
 * code. Both are read from their files: a route or a code added to one of them only fails here.
 */
const CONTRACT_TEXT = readFileSync(CONTRACT_FILE, 'utf8');
const OPENAPI_TEXT = readFileSync(OPENAPI_FILE, 'utf8');
const contract = parseContractPage(CONTRACT_TEXT);
const spec = new OpenApiSpec(OPENAPI_TEXT);

/** The contract with one exact piece of its text replaced; the piece must be there. */
function contractWith(from: string, to: string) {
  expect(CONTRACT_TEXT, `the contract no longer contains ${from}`).toContain(from);
  return parseContractPage(CONTRACT_TEXT.replace(from, to));
}

/** openapi.yaml with one change made to its parsed document. */
function specWith(change: (document: Record<string, Record<string, Record<string, unknown>>>) => void) {
  const document = parse(OPENAPI_TEXT) as Record<string, Record<string, Record<string, unknown>>>;
  change(document);
  return new OpenApiSpec(stringify(document));
}

describe('docs/api-contract.md, read as data', () => {
  it('has the routes, errors and rules the agreement is checked on', () => {
    expect(contract.routes.map((route) => `${route.method} ${route.path}`)).toContain('POST /orders/buy');
    expect(contract.routes.find((route) => route.path === '/orders' && route.method === 'GET')).toMatchObject(
      {
        success: 200,
        query: ['limit', 'cursor', 'status'],
      },
    );
    expect(contract.routes.find((route) => route.method === 'PUT')?.errors).toContainEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(contract.errors).toContainEqual({ status: 422, code: 'INSUFFICIENT_ASSET' });
    expect(contract.errors).toContainEqual({ status: 503, code: 'UNAVAILABLE' });
    expect(contract.publicRoutes).toEqual(['GET /health']);
    expect(contract.idempotentMethods).toEqual(['POST']);
  });

  it('refuses a page whose tables or rules are gone, instead of finding nothing to compare', () => {
    expect(() => parseContractPage(CONTRACT_TEXT.replace('## Routes', '## Paths'))).toThrow(/Routes/);
    expect(() =>
      parseContractPage(CONTRACT_TEXT.replace('| status | code | when |', 'status code when')),
    ).toThrow();
    expect(() => parseContractPage(CONTRACT_TEXT.replace('Every route but', 'All routes but'))).toThrow(
      /public/,
    );
  });
});

describe('docs/api-contract.md and openapi.yaml', () => {
  it('agree on every route and every error code', () => {
    expect(disagreements(contract, spec)).toEqual([]);
  });
});

describe('the agreement check finds each kind of disagreement', () => {
  it('a route in one and not the other', () => {
    const withoutBalance = contractWith(/\| GET \/balance \|[^\n]*\n/.exec(CONTRACT_TEXT)?.[0] ?? '-', '');
    expect(disagreements(withoutBalance, spec)).toEqual([
      'GET /balance is in openapi.yaml but not in the contract.',
    ]);
    const specWithoutBalance = specWith((document) => {
      delete document.paths?.['/balance'];
    });
    expect(disagreements(contract, specWithoutBalance)).toEqual([
      'GET /balance is in the contract but not in openapi.yaml.',
    ]);
  });

  it('a success status', () => {
    const found = disagreements(contractWith('| 201 `{"transaction"', '| 200 `{"transaction"'), spec);
    expect(found).toContain('POST /deposits: the contract answers 200, openapi.yaml documents 201.');
  });

  it('a code with another status', () => {
    const found = disagreements(contractWith('| 409 | `LOCKED`', '| 423 | `LOCKED`'), spec);
    expect(found).toContainEqual(
      expect.stringMatching(/POST \/deposits: openapi.yaml answers LOCKED with 409/),
    );
  });

  it('a code in one and not the other', () => {
    expect(disagreements(contractWith('| 422 | `UNKNOWN_ASSET` |', '| 422 | `UNLISTED` |'), spec)).toEqual(
      expect.arrayContaining([
        "UNKNOWN_ASSET is in openapi.yaml's ErrorCode but not in the contract.",
        'POST /orders/buy names 422 UNKNOWN_ASSET; the Errors table lacks it.',
      ]),
    );
  });

  it("a route's business failure", () => {
    const found = disagreements(
      contractWith(
        '| GET /balance | none | 200 Balance | |',
        '| GET /balance | none | 200 Balance | 404 `NOT_FOUND` |',
      ),
      spec,
    );
    expect(found).toEqual([
      'GET /balance: openapi.yaml lacks NOT_FOUND, but its row in the contract names it.',
    ]);
    const specWithForbiddenReads = specWith((document) => {
      const balance = document.paths?.['/balance'] as { get: { responses: Record<string, unknown> } };
      balance.get.responses['403'] = { $ref: '#/components/responses/Forbidden' };
    });
    expect(disagreements(contract, specWithForbiddenReads)).toEqual([
      "GET /balance: openapi.yaml has FORBIDDEN, but its row in the contract doesn't name it.",
    ]);
  });

  it('who needs a token and who takes an Idempotency-Key', () => {
    const publicAssets = disagreements(
      contractWith('but `GET /health`', 'but `GET /health` and `GET /assets`'),
      spec,
    );
    expect(publicAssets).toEqual(
      expect.arrayContaining(['GET /assets: the contract says it needs no token; openapi.yaml disagrees.']),
    );
    const keyedPuts = disagreements(contractWith('Every POST accepts', 'Every PUT accepts'), spec);
    expect(keyedPuts).toEqual(
      expect.arrayContaining([
        'PUT /assets/{asset}: the contract says it takes Idempotency-Key; openapi.yaml disagrees.',
        'POST /deposits: openapi.yaml has IDEMPOTENCY_KEY_REUSED, but the route takes no Idempotency-Key.',
      ]),
    );
  });

  it('the query parameters of a list', () => {
    const found = disagreements(
      contractWith('GET /orders?limit=&cursor=&status=', 'GET /orders?limit='),
      spec,
    );
    expect(found).toEqual([
      "GET /orders: the contract's query is (limit), openapi.yaml's is (cursor, limit, status).",
    ]);
  });
});
