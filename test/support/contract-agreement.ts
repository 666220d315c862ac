import type { ContractPage, ContractRoute } from './contract-page';
import { acceptedErrorCodes } from './openapi-error-codes';
import type { OpenApiSpec, Operation } from './openapi-validator';

const routeName = (route: { method: string; path: string }) => `${route.method.toUpperCase()} ${route.path}`;

/**
 * Every way docs/api-contract.md and openapi.yaml disagree about routes and error codes, one
 * sentence each; empty when they agree. Both sides are read from their files, so a route or code
 * added to one and not the other shows up here without anyone listing it.
 */
export function disagreements(contract: ContractPage, spec: OpenApiSpec): string[] {
  const found: string[] = [];
  const operations = new Map(spec.operations().map((operation) => [routeName(operation), operation]));
  const contractRoutes = new Map(contract.routes.map((route) => [routeName(route), route]));
  for (const name of contractRoutes.keys()) {
    if (!operations.has(name)) found.push(`${name} is in the contract but not in openapi.yaml.`);
  }
  for (const name of operations.keys()) {
    if (!contractRoutes.has(name)) found.push(`${name} is in openapi.yaml but not in the contract.`);
  }

  const codeStatus = new Map(contract.errors.map(({ code, status }) => [code, status]));
  const specCodes = errorCodeEnum(spec);
  for (const code of codeStatus.keys()) {
    if (!specCodes.includes(code))
      found.push(`${code} is in the contract's Errors table but not in ErrorCode.`);
  }
  for (const code of specCodes) {
    if (!codeStatus.has(code)) found.push(`${code} is in openapi.yaml's ErrorCode but not in the contract.`);
  }
  for (const route of contract.routes) {
    for (const { status, code } of route.errors) {
      const listed = codeStatus.get(code);
      if (listed !== status) {
        const table = listed === undefined ? 'lacks it' : `gives it ${listed}`;
        found.push(`${routeName(route)} names ${status} ${code}; the Errors table ${table}.`);
      }
    }
  }

  const allCodes = [...new Set([...codeStatus.keys(), ...specCodes])];
  /** Codes that belong to some routes only; every route's own row must name them. */
  const routeSpecific = new Set(contract.routes.flatMap((route) => route.errors.map(({ code }) => code)));
  for (const [name, route] of contractRoutes) {
    const operation = operations.get(name);
    if (operation)
      found.push(
        ...routeDisagreements(contract, spec, route, operation, allCodes, codeStatus, routeSpecific),
      );
  }
  return found;
}

function routeDisagreements(
  contract: ContractPage,
  spec: OpenApiSpec,
  route: ContractRoute,
  { operation }: Operation,
  allCodes: readonly string[],
  codeStatus: ReadonlyMap<string, number>,
  routeSpecific: ReadonlySet<string>,
): string[] {
  const name = routeName(route);
  const found: string[] = [];
  const statuses = Object.keys(spec.responses(operation));
  const successes = statuses.filter((status) => status.startsWith('2'));
  if (successes.join() !== String(route.success)) {
    found.push(
      `${name}: the contract answers ${route.success}, openapi.yaml documents ${successes.join(', ') || 'no success'}.`,
    );
  }

  const accepted = new Map<string, number[]>();
  for (const status of statuses.filter((candidate) => /^[45]\d\d$/.test(candidate))) {
    for (const code of acceptedErrorCodes(spec, route.method, route.path, Number(status), allCodes)) {
      accepted.set(code, [...(accepted.get(code) ?? []), Number(status)]);
    }
  }
  for (const [code, at] of accepted) {
    const expected = codeStatus.get(code);
    if (at.some((status) => status !== expected)) {
      found.push(
        `${name}: openapi.yaml answers ${code} with ${at.join(', ')}; the contract gives it ${expected}.`,
      );
    }
  }
  const expectCode = (code: string, wanted: boolean, why: string) => {
    if (accepted.has(code) !== wanted) {
      found.push(`${name}: openapi.yaml ${wanted ? 'lacks' : 'has'} ${code}, but ${why}.`);
    }
  };
  for (const { code } of route.errors) expectCode(code, true, 'its row in the contract names it');
  for (const code of routeSpecific) {
    if (!route.errors.some((error) => error.code === code)) {
      expectCode(code, false, "its row in the contract doesn't name it");
    }
  }

  const isPublic = contract.publicRoutes.includes(name);
  const security = operation.security ?? spec.document.security ?? [];
  const needsToken = security.some((requirement) => Object.keys(requirement).length > 0);
  if (needsToken === isPublic) {
    found.push(
      `${name}: the contract says it ${isPublic ? 'needs no' : 'needs a'} token; openapi.yaml disagrees.`,
    );
  }
  expectCode('UNAUTHORIZED', !isPublic, isPublic ? 'the route is public' : 'the route needs a token');

  const takesKey = contract.idempotentMethods.includes(route.method);
  const keyParameter = spec
    .parameters(operation)
    .some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
  if (keyParameter !== takesKey) {
    found.push(
      `${name}: the contract says it ${takesKey ? 'takes' : 'takes no'} Idempotency-Key; openapi.yaml disagrees.`,
    );
  }
  const why = takesKey ? 'the route takes an Idempotency-Key' : 'the route takes no Idempotency-Key';
  expectCode('IDEMPOTENCY_IN_PROGRESS', takesKey, why);
  expectCode('IDEMPOTENCY_KEY_REUSED', takesKey, why);

  const query = spec
    .parameters(operation)
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => parameter.name)
    .sort();
  if (query.join() !== [...route.query].sort().join()) {
    found.push(
      `${name}: the contract's query is (${route.query.join(', ')}), openapi.yaml's is (${query.join(', ')}).`,
    );
  }
  return found;
}

function errorCodeEnum(spec: OpenApiSpec): string[] {
  const codes = spec.document.components.schemas.ErrorCode?.enum;
  return Array.isArray(codes) ? codes.map(String) : [];
}
