import { describe, expect, it } from 'vitest';
import { synthesizeLockstepTemplate } from '../../lib/synthesize';
import { extractOrderWorkflow, synthesizedOrderWorkflow } from '../../local/synthesized-order-workflow';

describe('the definition the local runner executes', () => {
  it('is the synthesized one, each Task mapped to the handler module its function runs', () => {
    const { definition, taskEntries } = synthesizedOrderWorkflow();
    expect(Object.fromEntries(taskEntries)).toEqual({
      Reserve: 'lambdas/order-reserve.ts',
      Commit: 'lambdas/order-commit.ts',
      Rollback: 'lambdas/order-rollback.ts',
    });
    expect(definition.StartAt).toBe('Reserve');
    const reserve = definition.States.Reserve;
    expect(reserve?.Type === 'Task' && reserve.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Rollback' },
    ]);
  });

  it('follows the template, not a copy: a change to the synthesized definition shows up', () => {
    const template = synthesizeLockstepTemplate() as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const machine = Object.values(template.Resources).find(
      (resource) => resource.Type === 'AWS::StepFunctions::StateMachine',
    );
    if (!machine) throw new Error('no state machine in the template');
    const join = machine.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
    const [separator, parts] = join['Fn::Join'];
    machine.Properties.DefinitionString = {
      'Fn::Join': [
        separator,
        parts.map((part) =>
          typeof part === 'string'
            ? part.replace('"TimeoutSeconds":', '"Comment":"edited","TimeoutSeconds":')
            : part,
        ),
      ],
    };
    expect(extractOrderWorkflow(template).definition.Comment).toBe('edited');
  });

  it('refuses a template whose Task calls something that is not a catalog function', () => {
    const template = {
      Resources: {
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: {
              'Fn::Join': [
                '',
                [
                  '{"StartAt":"A","States":{"A":{"Type":"Task","End":true,"Resource":"',
                  { 'Fn::GetAtt': ['Stranger', 'Arn'] },
                  '"}}}',
                ],
              ],
            },
          },
        },
        Stranger: { Type: 'AWS::Lambda::Function', Properties: {} },
      },
    };
    expect(() => extractOrderWorkflow(template)).toThrow(/Task state A calls .*Stranger/);
  });

  it('refuses a template without exactly one state machine', () => {
    expect(() => extractOrderWorkflow({ Resources: {} })).toThrow(/found 0/);
  });
});
