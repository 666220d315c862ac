import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { nagFindings } from '../../lib/nag';
import { buildUnbundledLockstepStack } from '../../lib/synthesize';

interface Acknowledgement {
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

function acknowledgementsIn(stack: ReturnType<typeof buildUnbundledLockstepStack>): Acknowledgement[] {
  return stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({
          path: construct.node.path,
          rule: rule.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  it.each([
    { name: 'by default', context: {} },
    { name: 'with destroyData', context: { destroyData: true } },
    { name: 'with an alarm email', context: { alarmEmail: 'ops@example.com' } },
  ])('finds nothing unacknowledged $name', ({ context }) => {
    const stack = buildUnbundledLockstepStack(context);
    // Synthesis runs the packs as validation plugins and throws on a finding; the walk below names them.
    Template.fromStack(stack);
    expect(nagFindings(stack)).toEqual([]);
  });

  it('fails synthesis on an unacknowledged finding', () => {
    const stack = buildUnbundledLockstepStack();
    new Topic(stack, 'UnreviewedTopic');
    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-SNS3/);
  });

  it('fails synthesis on a finding that cdk-nag only rates a warning', () => {
    const stack = buildUnbundledLockstepStack();
    new LogGroup(stack, 'KeptForever', {
      retention: RetentionDays.INFINITE,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(() => Template.fromStack(stack)).toThrow(/Serverless-CloudWatchLogGroupRetentionPeriod/);
  });

  it('acknowledges only rules of those packs, each on a named construct with a reason a reviewer can check', () => {
    const acknowledgements = acknowledgementsIn(
      buildUnbundledLockstepStack({ alarmEmail: 'ops@example.com' }),
    );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, rule, reason } of acknowledgements) {
      expect(rule, path).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/);
      expect(reason.length, `${path} ${rule}`).toBeGreaterThanOrEqual(60);
      expect(path, rule).not.toBe('Lockstep');
    }
  });

  it('never waves a rule through for the whole stack or a whole group of functions', () => {
    const broad = acknowledgementsIn(buildUnbundledLockstepStack()).filter(({ path }) =>
      ['Lockstep', 'Lockstep/Functions', 'Lockstep/HttpApi', 'Lockstep/OrderWorkflow'].includes(path),
    );
    expect(broad).toEqual([]);
  });
});
