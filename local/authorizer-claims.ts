import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';
import type { JWTPayload } from 'jose';

/**
 * Claims as the HTTP API's JWT authorizer hands them to Lambda: every value a string. Numbers and
 * booleans are written out, and an array becomes its items, space separated, in brackets, so
 * `cognito:groups: ["admin"]` arrives as "[admin]". Handlers must parse exactly what AWS sends.
 */
export function toAuthorizer(claims: JWTPayload): APIGatewayEventRequestContextJWTAuthorizer {
  const asStrings: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value !== undefined) asStrings[name] = claimText(value);
  }
  return {
    jwt: {
      claims: asStrings,
      scopes: typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : null,
    },
  };
}

function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
