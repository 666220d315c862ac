import { UnauthorizedError } from '../errors';
import type { HttpEvent } from './types';

export interface Identity {
  readonly userId: string;
  readonly isAdmin: boolean;
}

export const ADMIN_GROUP = 'admin';

/**
 * API Gateway's JWT authorizer passes claims as strings; a list claim such as `cognito:groups`
 * arrives as "[admin other]". Both that and a real array are understood.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((group) => group.replace(/^"|"$/g, ''))
    .filter(Boolean);
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
