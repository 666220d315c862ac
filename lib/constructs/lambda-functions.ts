import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lockstepConfig } from '../config';
import type { DataRetention } from '../data-retention';
import { esmBundling } from '../esm-bundling';
import { type FunctionSpec, functionCatalog } from '../function-catalog';
import { acknowledge, defaultPolicyOf } from '../nag';
import { type TableArns, tableAccessStatements } from '../table-access-statements';

/** The runtime lockstep is built and tested for (DEVELOPERS.md: target Lambda nodejs22.x). */
const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;
/** Entries in the catalog are relative to the repository root, which is one level above lib/. */
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Read by the local runner to map a synthesized function back to its handler module. */
export const ENTRY_METADATA_KEY = 'lockstep:entry';

export interface LambdaFunctionsProps {
  readonly table: { readonly tableName: string } & TableArns;
  readonly retention: DataRetention;
}

export interface CatalogFunction {
  readonly spec: FunctionSpec;
  readonly fn: NodejsFunction;
}

/**
 * One function per catalog entry, each with a role of its own that may write its own log group,
 * send traces, and do exactly the table actions its entry lists.
 */
export class LambdaFunctions extends Construct {
  readonly all: readonly CatalogFunction[];

  constructor(scope: Construct, id: string, props: LambdaFunctionsProps) {
    super(scope, id);
    this.all = functionCatalog.map((spec) => ({ spec, fn: this.createFunction(spec, props) }));
  }

  byId(id: string): NodejsFunction {
    const found = this.all.find((entry) => entry.spec.id === id);
    if (!found) throw new Error(`No function '${id}' in the function catalog`);
    return found.fn;
  }

  forWorkflowTask(task: NonNullable<FunctionSpec['workflowTask']>): NodejsFunction {
    const found = this.all.find((entry) => entry.spec.workflowTask === task);
    if (!found) throw new Error(`No function in the function catalog runs the '${task}' workflow task`);
    return found.fn;
  }

  private createFunction(spec: FunctionSpec, props: LambdaFunctionsProps): NodejsFunction {
    const logGroup = new LogGroup(this, `${spec.id}Logs`, {
      retention: lockstepConfig.logRetentionDays,
      removalPolicy: props.retention.removalPolicy,
    });
    // Not AWSLambdaBasicExecutionRole: that one may write to every log group in the account.
    const role = new Role(this, `${spec.id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `lockstep ${spec.id}: its own logs, traces, and the table actions of its catalog entry`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const fn = new NodejsFunction(this, spec.id, {
      entry: join(repositoryRoot, spec.entry),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: join(repositoryRoot, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: lockstepConfig.lambda.memorySizeMb,
      timeout: Duration.seconds(spec.timeoutSeconds ?? lockstepConfig.lambda.defaultTimeoutSeconds),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'lockstep',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: esmBundling,
    });
    for (const statement of tableAccessStatements(spec, props.table)) {
      fn.addToRolePolicy(statement);
    }
    acknowledge(
      defaultPolicyOf(role),
      'AwsSolutions-IAM5[Resource::*]',
      'Only xray:PutTraceSegments and xray:PutTelemetryRecords use "*": X-Ray accepts no resource ARN for them.',
    );
    for (const rule of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      acknowledge(
        fn,
        rule,
        'Pinned to Node.js 22, the runtime lockstep targets and tests against; a runtime upgrade is a deliberate change, not a lint fix.',
      );
    }
    const caller =
      spec.route || spec.servesUnmatchedRoutes
        ? 'API Gateway'
        : spec.workflowTask
          ? 'Step Functions'
          : undefined;
    if (caller) {
      acknowledge(
        fn,
        'Serverless-LambdaDLQ',
        `Invoked synchronously by ${caller}, which receives every failure; a DLQ only catches asynchronous invocations.`,
      );
    }
    const cfnFunction = fn.node.defaultChild;
    if (!(cfnFunction instanceof CfnFunction)) throw new Error(`${spec.id} has no CfnFunction to tag`);
    cfnFunction.addMetadata(ENTRY_METADATA_KEY, spec.entry);
    return fn;
  }
}
