import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpRoute as ApiRoute,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lockstepConfig } from '../config';
import type { DataRetention } from '../data-retention';
import type { HttpRoute } from '../function-catalog';
import { acknowledge } from '../nag';

export interface RoutedFunction {
  readonly route: HttpRoute;
  readonly fn: IFunction;
}

export interface LockstepHttpApiProps {
  readonly routes: readonly RoutedFunction[];
  /** Serves the `$default` route, so an unmatched request gets the contract's 404 body, not API Gateway's. */
  readonly unmatchedRoutes: IFunction;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly retention: DataRetention;
}

/** One field per line of the access log, as JSON so that Logs Insights can query it. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLatency: '$context.responseLatency',
    userId: '$context.authorizer.claims.sub',
    sourceIp: '$context.identity.sourceIp',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/** The contract's routes, each served by its catalog function, behind the Cognito JWT authorizer. */
export class LockstepHttpApi extends Construct {
  readonly api: HttpApi;
  readonly url: string;

  constructor(scope: Construct, id: string, props: LockstepHttpApiProps) {
    super(scope, id);

    const { corsAllowedOrigins, throttle } = lockstepConfig.httpApi;
    const api = new HttpApi(this, 'Api', {
      // Authenticated unless a route opts out, so a route added without thought is never public.
      defaultAuthorizer: new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
        userPoolClients: [props.userPoolClient],
      }),
      // The default stage has no throttling or access-log options, so the stage is declared below.
      createDefaultStage: false,
      corsPreflight:
        corsAllowedOrigins.length > 0
          ? {
              allowOrigins: [...corsAllowedOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT],
              allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
            }
          : undefined,
    });

    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', {
            retention: lockstepConfig.logRetentionDays,
            removalPolicy: props.retention.removalPolicy,
          }),
        ),
        format: accessLogFormat,
      },
    });
    this.api = api;
    this.url = stage.url;

    const unmatched = new ApiRoute(this, 'UnmatchedRoute', {
      httpApi: api,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('UnmatchedRouteIntegration', props.unmatchedRoutes),
      authorizer: new HttpNoneAuthorizer(),
    });
    acknowledge(
      unmatched,
      'AwsSolutions-APIG4',
      "Only requests that match no route reach it, and it answers the contract's 404 without reading any data.",
    );

    for (const { route, fn } of props.routes) {
      const added = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${fn.node.id}Integration`, fn),
        authorizer: route.authenticated ? undefined : new HttpNoneAuthorizer(),
      });
      if (!route.authenticated) {
        for (const open of added) {
          acknowledge(
            open,
            'AwsSolutions-APIG4',
            'The contract leaves this route open: it answers a fixed {"status":"ok"} and reads no data.',
          );
        }
      }
    }
  }
}
