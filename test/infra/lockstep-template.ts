import { Template } from 'aws-cdk-lib/assertions';
import { buildUnbundledLockstepStack } from '../../lib/synthesize';

/** The parts of a CloudFormation resource these tests read. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: unknown;
}

export function lockstepTemplate(context: Record<string, unknown> = {}): Template {
  return Template.fromStack(buildUnbundledLockstepStack(context));
}

export function resourcesOfType(template: Template, type: string): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = template.toJSON().Resources ?? {};
  return Object.fromEntries(Object.entries(resources).filter(([, resource]) => resource.Type === type));
}

/** Catalog functions by their `lockstep:entry` metadata, e.g. `lambdas/buy.ts` → its logical id. */
export function catalogFunctionsByEntry(template: Template): Map<string, string> {
  const byEntry = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resourcesOfType(template, 'AWS::Lambda::Function'))) {
    const entry = resource.Metadata?.['lockstep:entry'];
    if (typeof entry === 'string') byEntry.set(entry, logicalId);
  }
  return byEntry;
}

export function logicalIdOfEntry(template: Template, entry: string): string {
  const logicalId = catalogFunctionsByEntry(template).get(entry);
  if (!logicalId) throw new Error(`No function with lockstep:entry ${entry}`);
  return logicalId;
}

export function resource(template: Template, logicalId: string): CfnResource {
  const found: CfnResource | undefined = template.toJSON().Resources?.[logicalId];
  if (!found) throw new Error(`No resource ${logicalId}`);
  return found;
}

/** The logical id behind `{ Ref: id }` or `{ 'Fn::GetAtt': [id, attribute] }`. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
  if ('Fn::GetAtt' in value && Array.isArray(value['Fn::GetAtt'])) {
    const [logicalId] = value['Fn::GetAtt'];
    return typeof logicalId === 'string' ? logicalId : undefined;
  }
  return undefined;
}

/** Every statement of every inline policy attached to the role. */
export function statementsOfRole(template: Template, roleLogicalId: string): PolicyStatementJson[] {
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => {
      const roles = policy.Properties?.Roles;
      return Array.isArray(roles) && roles.some((role) => referencedLogicalId(role) === roleLogicalId);
    })
    .flatMap((policy) => statementsIn(policy.Properties?.PolicyDocument));
}

export function roleOfFunction(template: Template, functionLogicalId: string): string {
  const roleId = referencedLogicalId(resource(template, functionLogicalId).Properties?.Role);
  if (!roleId) throw new Error(`${functionLogicalId} has no role in this stack`);
  return roleId;
}

/** Every IAM statement anywhere in the template: policies, roles' inline policies, trust policies. */
export function allStatements(node: unknown): PolicyStatementJson[] {
  if (Array.isArray(node)) return node.flatMap(allStatements);
  if (typeof node !== 'object' || node === null) return [];
  if (isStatement(node)) return [node];
  return Object.values(node).flatMap(allStatements);
}

export function actionsOf(statement: PolicyStatementJson): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/**
 * A string, a reference, or a `Fn::Join` of both, rendered with each reference as `${LogicalId}`, so
 * that JSON held in a template string (a state machine definition, a custom resource call) parses.
 */
export function renderJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const reference = referencedLogicalId(value);
  if (reference) return `\${${reference}}`;
  if (
    typeof value === 'object' &&
    value !== null &&
    'Fn::Join' in value &&
    Array.isArray(value['Fn::Join'])
  ) {
    const [separator, parts] = value['Fn::Join'];
    if (typeof separator === 'string' && Array.isArray(parts)) {
      return parts
        .map((part) => (typeof part === 'string' ? part : `\${${referencedLogicalId(part)}}`))
        .join(separator);
    }
  }
  throw new Error(`Not a string or a Fn::Join: ${JSON.stringify(value)}`);
}

function statementsIn(document: unknown): PolicyStatementJson[] {
  if (typeof document !== 'object' || document === null || !('Statement' in document)) return [];
  return Array.isArray(document.Statement) ? document.Statement.filter(isStatement) : [];
}

function isStatement(node: object): node is PolicyStatementJson {
  return 'Effect' in node && 'Action' in node;
}
