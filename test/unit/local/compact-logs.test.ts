import { describe, expect, it } from 'vitest';
import { compactLogLine } from '../../../local/compact-logs';

describe('compact log lines for the terminal', () => {
  it('puts a request on one short line: time, level, route, status, duration, then what is left', () => {
    const line = JSON.stringify({
      level: 'INFO',
      message: 'request',
      timestamp: '2026-12-02T15:05:13.945Z',
      service: 'lockstep',
      sampling_rate: 0,
      correlation_id: 'req-1',
      cold_start: true,
      function_name: 'Withdraw',
      route: 'POST /withdrawals',
      status: 422,
      durationMs: 12,
      userId: 'alice',
      errorCode: 'INSUFFICIENT_FUNDS',
      replayed: false,
      lambdaRequestId: 'abc',
    });
    expect(compactLogLine(line)).toBe(
      '15:05:13.945 INFO  request POST /withdrawals 422 12ms userId=alice errorCode=INSUFFICIENT_FUNDS [req-1]',
    );
  });

  it('keeps the fields of any other line, and marks a replay', () => {
    const line = JSON.stringify({
      level: 'WARN',
      message: 'rolling back order',
      timestamp: '2026-12-02T15:05:13.945Z',
      orderId: '01M8',
      error: 'InsufficientFundsError',
      detail: { attempt: 2 },
      replayed: true,
    });
    expect(compactLogLine(line)).toBe(
      '15:05:13.945 WARN  rolling back order orderId=01M8 error=InsufficientFundsError detail={"attempt":2} replayed=true',
    );
  });

  it('leaves everything that is not a Powertools line alone', () => {
    expect(compactLogLine('API listening on http://127.0.0.1:3000')).toBeUndefined();
    expect(compactLogLine('{"level": broken')).toBeUndefined();
  });
});
