import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ENTRY_METADATA_KEY } from '../lib/constructs/lambda-functions';
import { synthesizeLockstepTemplate } from '../lib/synthesize';
import { LOCAL_ACCOUNT_ID } from './api-gateway-event';

/**
 * The order state machine exactly as the CDK stack synthesizes it: its Amazon States Language, with
 * every function reference turned into a placeholder ARN, and for each Task state the handler module
 * that the referenced function runs (its `lockstep:entry` metadata). Nothing here restates the
 * definition, so the local runner cannot drift from what AWS runs.
 */
export interface SynthesizedOrderWorkflow {
  readonly definition: StateMachineDefinition;
  /** Task state name → handler module, relative to the repository root. */
  readonly taskEntries: ReadonlyMap<string, string>;
}

interface TemplateResource {
  readonly Type?: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';
const PLACEHOLDER_REGION = 'us-east-1';
const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': PLACEHOLDER_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT_ID,
  'AWS::URLSuffix': 'amazonaws.com',
};

const placeholderArn = (logicalId: string): string =>
  `arn:aws:lambda:${PLACEHOLDER_REGION}:${LOCAL_ACCOUNT_ID}:function:${logicalId}`;

let cached: SynthesizedOrderWorkflow | undefined;

/** Synthesis takes a moment, and the stack cannot change while the process runs: done once. */
export function synthesizedOrderWorkflow(): SynthesizedOrderWorkflow {
  cached ??= extractOrderWorkflow(synthesizeLockstepTemplate());
  return cached;
}

export function extractOrderWorkflow(template: Record<string, unknown>): SynthesizedOrderWorkflow {
  const resources = (template.Resources ?? {}) as Record<string, TemplateResource>;
  const machines = Object.values(resources).filter((resource) => resource.Type === STATE_MACHINE_TYPE);
  const [machine] = machines;
  if (!machine || machines.length !== 1) {
    throw new Error(`Expected one ${STATE_MACHINE_TYPE} in the template, found ${machines.length}`);
  }
  const functionIds = new Map<string, string>();
  const text = renderTemplateString(machine.Properties?.DefinitionString, (logicalId) => {
    const arn = placeholderArn(logicalId);
    functionIds.set(arn, logicalId);
    return arn;
  });
  const definition = JSON.parse(text) as StateMachineDefinition;
  const taskEntries = new Map<string, string>();
  for (const [stateName, resourceArn] of taskResources(definition)) {
    const logicalId = functionIds.get(resourceArn);
    const entry = logicalId ? resources[logicalId]?.Metadata?.[ENTRY_METADATA_KEY] : undefined;
    if (typeof entry !== 'string') {
      throw new Error(
        `Task state ${stateName} calls ${resourceArn}, which is not a catalog function with ${ENTRY_METADATA_KEY} metadata`,
      );
    }
    taskEntries.set(stateName, entry);
  }
  return { definition, taskEntries };
}

/** A string, or a `Fn::Join` of strings and references, as CloudFormation would resolve it. */
function renderTemplateString(value: unknown, arnOfFunction: (logicalId: string) => string): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: unknown } | undefined)?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const [separator, parts] = join as [string, unknown[]];
    return parts.map((part) => renderReference(part, arnOfFunction)).join(separator);
  }
  throw new Error(`Cannot resolve the state machine definition: ${JSON.stringify(value)}`);
}

function renderReference(part: unknown, arnOfFunction: (logicalId: string) => string): string {
  if (typeof part === 'string') return part;
  const { Ref: ref, 'Fn::GetAtt': getAtt } = (part ?? {}) as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof ref === 'string' && PSEUDO_PARAMETERS[ref]) return PSEUDO_PARAMETERS[ref];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string')
    return arnOfFunction(getAtt[0]);
  throw new Error(`The local runner cannot resolve ${JSON.stringify(part)} in the state machine definition`);
}

type States = StateMachineDefinition['States'];

/** Every Task state with its Resource, including those nested in Parallel branches and Map processors. */
function taskResources(definition: { States: States }): Array<[string, string]> {
  return Object.entries(definition.States).flatMap(([name, state]): Array<[string, string]> => {
    if (state.Type === 'Task') return [[name, state.Resource]];
    if (state.Type === 'Parallel') return state.Branches.flatMap(taskResources);
    if (state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      return processor ? taskResources(processor) : [];
    }
    return [];
  });
}
