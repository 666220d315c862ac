import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildUnbundledLockstepStack } from '../../lib/synthesize';
import { repoRoot } from '../../local/repo-root';
import { lockstepTemplate, resourcesOfType } from './lockstep-template';

const stateMachineLogGroupName = (template: Template): unknown => {
  const logGroups = Object.entries(resourcesOfType(template, 'AWS::Logs::LogGroup'));
  const [, workflowLogs] = logGroups.find(([logicalId]) => logicalId.startsWith('OrderWorkflowLogs')) ?? [];
  return workflowLogs?.Properties?.LogGroupName;
};

describe('names that must not collide between stacks, stages and regions', () => {
  it('the state machine logs under /aws/vendedlogs/states/, in a group named after the stack', () => {
    expect(stateMachineLogGroupName(lockstepTemplate())).toBe(
      '/aws/vendedlogs/states/Lockstep-OrderWorkflow',
    );
    expect(stateMachineLogGroupName(lockstepTemplate({ stage: 'dev' }))).toBe(
      '/aws/vendedlogs/states/Lockstep-dev-OrderWorkflow',
    );
  });

  it('a stage is a stack of its own: Lockstep without one, Lockstep-<stage> with one', () => {
    expect(buildUnbundledLockstepStack().stackName).toBe('Lockstep');
    expect(buildUnbundledLockstepStack({ stage: '' }).stackName).toBe('Lockstep');
    expect(buildUnbundledLockstepStack({ stage: 'prod' }).stackName).toBe('Lockstep-prod');
  });

  it.each(['Dev', 'dev-1', '1dev', 'averyveryverylongstage'])('refuses the stage %j', (stage) => {
    expect(() => buildUnbundledLockstepStack({ stage })).toThrow(/Context stage must be/);
  });
});

describe('cdk.json', () => {
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };

  it('keeps the deploy settings a team shares: stage, alarm email, data retention', () => {
    expect(cdkJson.context).toEqual({ stage: '', alarmEmail: '', destroyData: false });
  });

  it('its context builds the default stack, with no alarm subscription while alarmEmail is empty', () => {
    const template = lockstepTemplate(cdkJson.context);
    expect(Object.keys(resourcesOfType(template, 'AWS::SNS::Subscription'))).toEqual([]);
  });

  it('an alarmEmail set there subscribes that address', () => {
    const template = lockstepTemplate({ ...cdkJson.context, alarmEmail: 'ops@example.com' });
    expect(Object.values(resourcesOfType(template, 'AWS::SNS::Subscription'))).toMatchObject([
      { Properties: { Protocol: 'email', Endpoint: 'ops@example.com' } },
    ]);
  });
});
