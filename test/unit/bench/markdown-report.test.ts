import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../../bench/report/markdown-report';
import { HOT_USER_INTERPRETATION } from '../../../bench/scenarios/hot-user-plan';
import { benchResults, hotUserResult } from './bench-fixtures';

describe('markdownReport, hot user', () => {
  const report = markdownReport(
    benchResults(
      hotUserResult(
        { successRate: 1, p95: 80, exact: true },
        { successRate: 0.25, p95: 11_000, exact: true, requests: 960 },
      ),
    ),
  );
  const hotUser = report.slice(report.indexOf('## Hot user'), report.indexOf('## Cost'));

  it('states the interpretation and runs both readings side by side against the reference', () => {
    expect(hotUser).toContain(HOT_USER_INTERPRETATION);
    expect(hotUser).toContain(
      '|  | lockstep, 1 request per arrival (targets) | lockstep, 3 requests per arrival (stress), no target | reference system |',
    );
    expect(hotUser).toContain('| success rate | 100.00 % (320 of 320) | 25.00 % (240 of 960) | 32.00 % |');
    expect(hotUser).toContain(
      '| requests per arrival | 1 (deposit → withdraw → buy in turn) | 3 (deposit, then withdraw, then buy) |',
    );
  });

  it('gives each reading its own details, the primary first and marked as the one the targets judge', () => {
    const primary = hotUser.indexOf('### Hot user, 1 request per arrival: the targets apply');
    const stress = hotUser.indexOf('### Hot user, 3 requests per arrival (stress): no target');
    expect(primary).toBeGreaterThan(0);
    expect(stress).toBeGreaterThan(primary);
    expect(hotUser.slice(stress)).toContain('960 requests (90 → 150 requests per second offered)');
    expect(hotUser.slice(primary, stress)).toContain('320 requests (30 → 50 requests per second offered)');
    expect(hotUser.match(/Lock capacity: /g)).toHaveLength(2);
  });
});
