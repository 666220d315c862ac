import {
  type App,
  CfnElement,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The rule packs lockstep is held to: AWS Solutions for security, Serverless for operability. */
function nagPacks(): NagPack[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()];
}

/**
 * cdk-nag reports some rules as warnings, and a warning does not stop `cdk synth`. Every finding is
 * an error here, so the only way past one is a fix or an acknowledgement with a reason.
 */
function everyFindingFails(report: PolicyValidationPluginReport): PolicyValidationPluginReport {
  const violations = report.violations.map((violation) => ({ ...violation, severity: 'error' }));
  return { ...report, success: violations.length === 0, violations };
}

class StrictNagPack implements IPolicyValidationPlugin {
  readonly name: string;
  readonly version?: string;

  constructor(private readonly pack: NagPack) {
    this.name = pack.name;
    this.version = pack.version;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return everyFindingFails(this.pack.validate(context));
  }
}

/** Makes synthesis (`cdk synth`, `cdk deploy`, and the in-process synthesis) fail on any unacknowledged finding. */
export function enforceNagChecks(app: App): void {
  Validations.of(app).addPlugins(...nagPacks().map((pack) => new StrictNagPack(pack)));
}

export interface NagFinding {
  readonly rule: string;
  readonly paths: readonly string[];
}

/** The unacknowledged findings under `scope`, by walking the tree directly: what synthesis would refuse. */
export function nagFindings(scope: IConstruct): NagFinding[] {
  return nagPacks().flatMap((pack) =>
    pack.validateScope(scope).violations.map((violation) => ({
      rule: violation.ruleName,
      paths: violation.violatingResources.map((resource) => resource.constructPath ?? '?'),
    })),
  );
}

/**
 * Accepts one finding on `scope` and everything under it. Put it on the narrowest construct that
 * owns the finding; the reason is what a reviewer reads in the validation report.
 */
export function acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: ruleId, reason });
}

/**
 * The IAM5 finding a Lambda invoke grant raises: CDK grants the function's ARN and `ARN:*`, the
 * latter being its versions and aliases. Named by the function's logical id, as cdk-nag names it.
 */
export function invokeVersionsFinding(fn: IFunction): string {
  const cfnFunction = fn.node.defaultChild;
  if (!(cfnFunction instanceof CfnElement)) throw new Error(`${fn.node.path} has no CloudFormation function`);
  return `AwsSolutions-IAM5[Resource::<${Stack.of(fn).getLogicalId(cfnFunction)}.Arn>:*]`;
}

/** The policy that statements added to a role land in; acknowledging there leaves the role's trust policy alone. */
export function defaultPolicyOf(role: IRole): IConstruct {
  const policy = role.node.tryFindChild('DefaultPolicy');
  if (!policy)
    throw new Error(`${role.node.path} has no statements yet, so no default policy to acknowledge on`);
  return policy;
}
