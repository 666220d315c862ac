import type { Construct } from 'constructs';
import { lockstepConfig } from './config';

export const STAGE_CONTEXT_KEY = 'stage';

/** Short enough that every name derived from the stack's stays inside AWS's limits. */
const STAGE = /^[a-z][a-z0-9]{0,15}$/;

/**
 * The stack's name for a stage: `Lockstep` without one, `Lockstep-dev` for `dev`. Each stage is a
 * stack of its own, with names derived from the stack's, so stages deploy side by side in one account.
 */
export function stackNameForStage(stage: string | undefined): string {
  if (stage === undefined || stage === '') return lockstepConfig.stackName;
  if (!STAGE.test(stage)) {
    throw new Error(
      `Context ${STAGE_CONTEXT_KEY} must be lower-case letters and digits, starting with a letter (at most 16), got ${JSON.stringify(stage)}`,
    );
  }
  return `${lockstepConfig.stackName}-${stage}`;
}

/** `-c stage=dev` (or `"stage"` in cdk.json): which stage this synthesis builds. */
export function stackNameFor(scope: Construct): string {
  const stage: unknown = scope.node.tryGetContext(STAGE_CONTEXT_KEY);
  if (stage !== undefined && typeof stage !== 'string') {
    throw new Error(`Context ${STAGE_CONTEXT_KEY} must be a string, got ${JSON.stringify(stage)}`);
  }
  return stackNameForStage(stage);
}
