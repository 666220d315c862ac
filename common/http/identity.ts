import { UnauthorizedError } from '../errors';
import type { HttpEvent } from './types';

export interface Identity {
  readonly userId: string;
  readonly isAdmin: boolean;
}

export const ADMIN_GROUP = 'admin';

/**
 * The groups of the `cognito:groups` claim. In a token it is an array; API Gateway's JWT authorizer
 * hands every claim to Lambda as a string and writes an array as its items, space separated, in
 * brackets: ["admin","other"] arrives as "[admin other]". Cognito group names cannot contain
 * whitespace, so splitting that form on spaces gives the names back exactly. Nothing else is
 * stripped or split: a group named `admin,x` or `"admin"` is not `admin`.
 */
function groupsOf(claim: unknown): readonly string[] {
  if (Array.isArray(claim)) return claim.filter((group): group is string => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  const listed = /^\[(.*)\]$/s.exec(claim);
  if (!listed) return [claim];
  return (listed[1] ?? '').split(' ').filter((group) => group !== '');
}

/** The caller, from the claims the authorizer verified. No subject means no access. */
export function identityOf(event: HttpEvent): Identity {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 128) {
    throw new UnauthorizedError('A valid bearer token is required.');
  }
  return { userId: subject, isAdmin: groupsOf(claims['cognito:groups']).includes(ADMIN_GROUP) };
}
