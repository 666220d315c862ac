import { describe, expect, it } from 'vitest';
import { lockstepTemplate, logicalIdOfEntry, resourcesOfType } from './lockstep-template';

describe('order reaper', () => {
  const template = lockstepTemplate();

  it('invokes ReapOrders every minute, without retries', () => {
    const schedules = Object.values(resourcesOfType(template, 'AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(1);
    const [schedule] = schedules;
    expect(schedule?.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOfEntry(template, 'lambdas/reap-orders.ts'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
  });
});
