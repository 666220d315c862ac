import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  lockstepTemplate,
  logicalIdOfEntry,
  referencedLogicalId,
  renderJoin,
  resourcesOfType,
} from './lockstep-template';

/** Copied from the API contract's route table, not derived from the catalog, so a dropped route fails here. */
const CONTRACT_ROUTES = [
  'GET /health',
  'GET /assets',
  'PUT /assets/{asset}',
  'POST /deposits',
  'POST /withdrawals',
  'POST /transfers',
  'POST /holds',
  'POST /holds/{holdId}/capture',
  'POST /holds/{holdId}/void',
  'GET /holds',
  'GET /holds/{holdId}',
  'POST /orders/buy',
  'POST /orders/sell',
  'GET /balance',
  'GET /portfolio',
  'GET /orders',
  'GET /orders/{orderId}',
  'GET /transactions',
  'GET /users/{userId}/limits',
  'PUT /users/{userId}/limits',
];

const HANDLER_OF_ROUTE: Record<string, string> = {
  'GET /health': 'lambdas/health.ts',
  'GET /assets': 'lambdas/list-assets.ts',
  'PUT /assets/{asset}': 'lambdas/put-asset.ts',
  'POST /deposits': 'lambdas/deposit.ts',
  'POST /withdrawals': 'lambdas/withdraw.ts',
  'POST /transfers': 'lambdas/transfer.ts',
  'POST /holds': 'lambdas/place-hold.ts',
  'POST /holds/{holdId}/capture': 'lambdas/capture-hold.ts',
  'POST /holds/{holdId}/void': 'lambdas/void-hold.ts',
  'GET /holds': 'lambdas/list-holds.ts',
  'GET /holds/{holdId}': 'lambdas/get-hold.ts',
  'POST /orders/buy': 'lambdas/buy.ts',
  'POST /orders/sell': 'lambdas/sell.ts',
  'GET /balance': 'lambdas/get-balance.ts',
  'GET /portfolio': 'lambdas/get-portfolio.ts',
  'GET /orders': 'lambdas/list-orders.ts',
  'GET /orders/{orderId}': 'lambdas/get-order.ts',
  'GET /transactions': 'lambdas/list-transactions.ts',
  'GET /users/{userId}/limits': 'lambdas/get-user-limits.ts',
  'PUT /users/{userId}/limits': 'lambdas/put-user-limits.ts',
  $default: 'lambdas/route-not-found.ts',
};

/** API Gateway's catch-all: without it an unmatched request gets `{"message":"Not Found"}`, not the contract's body. */
const UNMATCHED = '$default';

describe('HTTP API', () => {
  const template = lockstepTemplate();
  const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'));
  const routeKey = (route: (typeof routes)[number]) => String(route.Properties?.RouteKey);
  const [authorizerId] = Object.keys(resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer'));

  it('serves exactly the contract routes, plus the catch-all for unmatched requests', () => {
    expect(routes.map(routeKey).sort()).toEqual([...CONTRACT_ROUTES, UNMATCHED].sort());
  });

  it('answers unmatched requests itself, without an authorizer, so the 404 carries the contract body', () => {
    const unmatched = routes.find((route) => routeKey(route) === UNMATCHED);
    expect(unmatched?.Properties?.AuthorizationType).toBe('NONE');
  });

  it('sends each route to its handler', () => {
    const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
    for (const route of routes) {
      const integrationId = renderJoin(route.Properties?.Target).replace(/^integrations\/\$\{(.+)\}$/, '$1');
      const handlerEntry = HANDLER_OF_ROUTE[routeKey(route)] ?? 'unknown';
      expect(referencedLogicalId(integrations[integrationId]?.Properties?.IntegrationUri)).toBe(
        logicalIdOfEntry(template, handlerEntry),
      );
    }
  });

  it('checks a Cognito JWT on every route but GET /health', () => {
    expect(authorizerId).toBeDefined();
    const guarded = routes.filter((candidate) => !['GET /health', UNMATCHED].includes(routeKey(candidate)));
    expect(guarded).toHaveLength(CONTRACT_ROUTES.length - 1);
    for (const route of guarded) {
      expect(route.Properties?.AuthorizationType, routeKey(route)).toBe('JWT');
      expect(referencedLogicalId(route.Properties?.AuthorizerId), routeKey(route)).toBe(authorizerId);
    }
  });

  it('leaves GET /health open', () => {
    const health = routes.find((route) => routeKey(route) === 'GET /health');
    expect(health?.Properties?.AuthorizationType).toBe('NONE');
    expect(health?.Properties?.AuthorizerId).toBeUndefined();
  });

  it('trusts tokens of this user pool, issued to this client, from the Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^UsersUserPoolApiClient') }],
        Issuer: Match.objectLike({
          'Fn::Join': Match.arrayWith([Match.arrayWith(['https://cognito-idp.'])]),
        }),
      },
    });
  });

  it('throttles and access-logs the default stage', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });

  it('answers no CORS preflight while no origin is configured', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  it('admits only users an operator created, with strong passwords and email sign-in', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('has a secretless client allowed the password flows, and an admin group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: [
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ],
      AllowedOAuthFlowsUserPoolClient: false,
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
  });

  it('retains the user pool unless destroyData is true', () => {
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    lockstepTemplate({ destroyData: true }).hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Delete',
    });
  });
});
