import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionCatalog } from '../../lib/function-catalog';
import { buildLockstepStack } from '../../lib/lockstep-stack';
import { synthesizeLockstepTemplate } from '../../lib/synthesize';
import { catalogFunctionsByEntry } from './lockstep-template';

interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{ readonly violations?: readonly unknown[] }>;
}

describe('synthesizeLockstepTemplate', () => {
  const template = Template.fromJSON(synthesizeLockstepTemplate());

  it('tags one function per catalog entry, which the local runner maps back to handlers', () => {
    const entries = [...catalogFunctionsByEntry(template).keys()];
    expect(entries.sort()).toEqual(functionCatalog.map((spec) => spec.entry).sort());
  });

  it('holds the order state machine the local runner executes', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });
});

describe('the stack cdk synth builds', () => {
  it('passes the CDK built-in CloudFormation validation that the fast synthesis skips', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    buildLockstepStack(app);
    const assembly = app.synth();
    const report: ValidationReport = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    );
    expect(report.pluginReports.flatMap((plugin) => plugin.violations ?? [])).toEqual([]);
  });
});
