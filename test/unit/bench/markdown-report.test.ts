import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../../bench/report/markdown-report';
import { HOT_USER_INTERPRETATION } from '../../../bench/scenarios/hot-user-plan';
import { benchResults, hotUserResult } from './bench-fixtures';

describe('markdownReport, hot user', () => {
  const report = markdownReport(
    benchResults(
      hotUserResult(
        { successRate: 1, p95: 80, exact: true, requests: 900, dropped: 20 },
        { successRate: 1, p95: 80, exact: true },
        { successRate: 0.25, p95: 11_000, exact: true, requests: 960 },
      ),
    ),
  );
  const hotUser = report.slice(report.indexOf('## Hot user'), report.indexOf('## Cost'));

  it('states the interpretation and runs every reading side by side against the published figures of another trading system', () => {
    expect(hotUser).toContain(HOT_USER_INTERPRETATION);
    expect(hotUser).toContain(
      '|  | lockstep, 3 requests per arrival, 50 virtual users (targets) | lockstep, 1 request per arrival, no target | lockstep, 3 requests per arrival, no virtual-user cap (stress), no target | another trading system, published |',
    );
    expect(hotUser).toContain(
      '| success rate | 100.00 % (900 of 900) | 100.00 % (320 of 320) | 25.00 % (240 of 960) | 32.00 % |',
    );
    expect(hotUser).toContain('| arrivals dropped (all virtual users busy) | 20 | 0 | 0 | — |');
    expect(hotUser).toContain('| DynamoDB requests / WRU / RRU per 201 | 2.50 / 7.25 / 0.50 |');
    expect(hotUser).toContain(
      '| requests per arrival | 3 (deposit, then withdraw, then buy) | 1 (deposit → withdraw → buy in turn) |',
    );
  });

  it('gives each reading its own details, the headline first and marked as the one the targets judge', () => {
    const headline = hotUser.indexOf(
      '### Hot user, 3 requests per arrival, 50 virtual users: the targets apply',
    );
    const cycle = hotUser.indexOf('### Hot user, 1 request per arrival: no target');
    const stress = hotUser.indexOf(
      '### Hot user, 3 requests per arrival, no virtual-user cap (stress): no target',
    );
    expect(headline).toBeGreaterThan(0);
    expect(cycle).toBeGreaterThan(headline);
    expect(stress).toBeGreaterThan(cycle);
    expect(hotUser.slice(headline, cycle)).toContain('from at most 50 virtual users, 20 of them dropped');
    expect(hotUser.slice(stress)).toContain('960 requests (90 → 150 requests per second offered)');
    expect(hotUser.slice(cycle, stress)).toContain('320 requests (30 → 50 requests per second offered)');
    expect(hotUser.match(/Lock capacity: /g)).toHaveLength(3);
  });
});
