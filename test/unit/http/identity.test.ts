import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../common/http/identity';
import type { HttpEvent } from '../../../common/http/types';
import { toAuthorizer } from '../../../local/authorizer-claims';

/** An event whose verified claims are `claims`, as the handler receives it. */
function eventWith(claims: Record<string, unknown>): HttpEvent {
  return {
    requestContext: { authorizer: { jwt: { claims: { sub: 'user-1', ...claims }, scopes: null } } },
  } as unknown as HttpEvent;
}

const isAdmin = (groups: unknown): boolean => identityOf(eventWith({ 'cognito:groups': groups })).isAdmin;
/** The same groups as API Gateway's JWT authorizer hands them over: one string, "[a b]". */
const isAdminViaGateway = (groups: string[]): boolean =>
  identityOf(eventWith(toAuthorizer({ 'cognito:groups': groups }).jwt.claims)).isAdmin;

describe('the admin group is recognised by its exact name', () => {
  it.each([[['admin']], [['other', 'admin']], [['admin', 'other']]])(
    '%j is admin, as an array and in API Gateway string form',
    (groups) => {
      expect(isAdmin(groups)).toBe(true);
      expect(isAdminViaGateway(groups)).toBe(true);
    },
  );

  it.each([
    [['admin,x']],
    [['"admin"']],
    [["'admin'"]],
    [['[admin]']],
    [['Admin']],
    [['admins']],
    [['x,admin']],
    [['notadmin', 'other']],
    [[]],
  ])('%j is not admin, as an array and in API Gateway string form', (groups) => {
    expect(isAdmin(groups)).toBe(false);
    expect(isAdminViaGateway(groups)).toBe(false);
  });

  it.each([
    ['[admin other]', true],
    ['[other admin]', true],
    ['[admin]', true],
    ['admin', true],
    ['[admin,x]', false],
    ['["admin"]', false],
    ['[ "admin" ]', false],
    ['["admin","x"]', false],
    ['admin,x', false],
    ['[admin', false],
    ['', false],
    ['[]', false],
  ])('the claim string %j is admin: %s', (claim, expected) => {
    expect(isAdmin(claim)).toBe(expected);
  });

  it('ignores a claim of another type', () => {
    expect(isAdmin({ 0: 'admin' })).toBe(false);
    expect(isAdmin([['admin']])).toBe(false);
    expect(identityOf(eventWith({})).isAdmin).toBe(false);
  });
});
