import { describe, expect, it } from 'vitest';
import { README_END, README_START, readmeSection, spliceReadme } from '../../../bench/report/readme-section';
import { HOT_USER_INTERPRETATION } from '../../../bench/scenarios/hot-user-plan';
import { benchResults, hotUserResult } from './bench-fixtures';

describe('spliceReadme', () => {
  const section = `${README_START}\nnew figures\n${README_END}`;

  it('replaces only what lies between the markers', () => {
    const readme = `# title\n\n${README_START}\nold figures\n${README_END}\n\n## after\n`;
    expect(spliceReadme(readme, section)).toBe(`# title\n\n${section}\n\n## after\n`);
  });

  it('is undefined when a marker is missing or they are out of order', () => {
    expect(spliceReadme('# title\n', section)).toBeUndefined();
    expect(spliceReadme(`${README_START} only`, section)).toBeUndefined();
    expect(spliceReadme(`${README_END} then ${README_START}`, section)).toBeUndefined();
  });
});

const cellsOf = (lines: readonly string[], label: string): string[] | undefined =>
  lines
    .find((line) => line.startsWith(`| ${label} |`))
    ?.split('|')
    .slice(2, -1)
    .map((cell) => cell.trim());

describe('readmeSection', () => {
  const results = benchResults(
    hotUserResult(
      { successRate: 0.995, p95: 120, exact: true, requests: 960 },
      { successRate: 1, p95: 30, exact: true },
      { successRate: 0.3, p95: 9_000, exact: false, requests: 960 },
    ),
  );
  const section = readmeSection(results);
  const lines = section.split('\n');

  it('sits between the markers and holds the targets table', () => {
    expect(lines[0]).toBe(README_START);
    expect(lines[lines.length - 1]).toBe(README_END);
    expect(section).toContain('| target | goal | measured | result |');
    expect(section).toContain('SENTINEL-MEASURED');
  });

  it('sets every hot-user reading next to the figures another trading system published, column by column', () => {
    expect(cellsOf(lines, '')).toEqual([
      'lockstep, 3 requests per arrival, 50 virtual users (targets)',
      'lockstep, 1 request per arrival, no target',
      'lockstep, 3 requests per arrival, no virtual-user cap (stress), no target',
      'another trading system, published',
    ]);
    expect(cellsOf(lines, 'requests per second')).toEqual(['90 → 150', '30 → 50', '90 → 150', '—']);
    expect(cellsOf(lines, 'virtual users')).toEqual(['50', 'no cap', 'no cap', '—']);
    expect(cellsOf(lines, 'success rate')).toEqual([
      '99.50 % (955 of 960)',
      '100.00 % (320 of 320)',
      '30.00 % (288 of 960)',
      '32.00 %',
    ]);
    expect(cellsOf(lines, 'mean latency')).toEqual(['40.00 ms', '10.00 ms', '3000.00 ms', '13,900 ms']);
    expect(cellsOf(lines, 'p95 latency')).toEqual(['120.00 ms', '30.00 ms', '9000.00 ms', '—']);
    expect(cellsOf(lines, 'final balance equals the model')?.[0]).toBe('yes');
    expect(cellsOf(lines, 'final balance equals the model')?.[2]).toMatch(/^\*\*no\*\*: expected 50100\.00/);
  });

  it('states the interpretation once', () => {
    expect(section.split(HOT_USER_INTERPRETATION)).toHaveLength(2);
  });

  it('shows the latency chart, the latency table and the cost per 1,000 operations, each with its figures', () => {
    expect(section).toContain('](bench/latency.svg)');
    expect(section).toContain('| series | calls | p50 | p95 | p99 |');
    expect(section).toContain('| operation | DynamoDB | Lambda | Step Functions | HTTP API | total |');
  });
});
