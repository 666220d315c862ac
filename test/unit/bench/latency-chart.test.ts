import { describe, expect, it } from 'vitest';
import { type ChartRow, latencyChartSvg, logDomain } from '../../../bench/report/latency-chart';
import { wellFormednessErrors } from './well-formed-xml';

const rows: ChartRow[] = [
  { label: 'floor (one conditional PutItem)', kind: 'floor', p50: 0.9, p95: 1.4, p99: 2.2 },
  { label: 'baseline deposit', kind: 'baseline', p50: 4.8, p95: 7.5, p99: 11 },
  { label: 'deposit (in-process)', kind: 'lockstep', p50: 2.1, p95: 3.3, p99: 5.9 },
  { label: 'withdraw (http)', kind: 'lockstep', p50: 2.9, p95: 4.1, p99: 7.7 },
  { label: 'buy (in-process)', kind: 'lockstep', p50: 8.2, p95: 12.5, p99: 30.4 },
  { label: 'sell (http)', kind: 'lockstep', p50: 9.1, p95: 14, p99: 41.3 },
];

describe('the XML check the chart test relies on', () => {
  it('accepts well-formed XML and refuses each kind of breakage', () => {
    expect(wellFormednessErrors('<a x="1"><b/><!-- note --><c>t &amp; u</c></a>')).toEqual([]);
    expect(wellFormednessErrors('<a><b></a></b>')).not.toEqual([]);
    expect(wellFormednessErrors('<a>fish & chips</a>')).not.toEqual([]);
    expect(wellFormednessErrors('<a x="1" x="2"/>')).not.toEqual([]);
    expect(wellFormednessErrors('<a x=1/>')).not.toEqual([]);
    expect(wellFormednessErrors('<a/><b/>')).not.toEqual([]);
    expect(wellFormednessErrors('<a>')).not.toEqual([]);
  });
});

describe('latencyChartSvg', () => {
  const svg = latencyChartSvg(rows, 'lockstep latency', 'p50, p95 and p99 in ms');

  it('is well-formed XML with an svg root', () => {
    expect(wellFormednessErrors(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('labels every series, the floor and the baseline among them, with its three figures', () => {
    for (const row of rows) expect(svg).toContain(`>${row.label}</text>`);
    for (const operation of ['deposit', 'withdraw', 'buy', 'sell', 'floor', 'baseline'])
      expect(svg).toContain(operation);
    expect(svg).toContain('>9.10 / 14.0 / 41.3</text>');
    expect(svg.match(/<g>/g)).toHaveLength(rows.length);
  });

  it('draws a longer p50 bar for a slower series', () => {
    const widthOf = (label: string) => {
      const group = svg.split('<g>').find((part) => part.includes(`>${label}</text>`)) ?? '';
      return Number(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(group)?.[1]);
    };
    expect(widthOf('buy (in-process)')).toBeGreaterThan(widthOf('deposit (in-process)'));
    expect(widthOf('deposit (in-process)')).toBeGreaterThan(widthOf('floor (one conditional PutItem)'));
  });

  it('escapes labels, so any name stays well-formed', () => {
    const tricky = latencyChartSvg(
      [{ label: 'deposit <"fast" & \'safe\'>', kind: 'lockstep', p50: 1, p95: 2, p99: 3 }],
      'a & b',
      '<subtitle>',
    );
    expect(wellFormednessErrors(tricky)).toEqual([]);
    expect(tricky).toContain('deposit &lt;&quot;fast&quot; &amp; &apos;safe&apos;&gt;');
  });

  it('refuses an empty chart', () => {
    expect(() => latencyChartSvg([], 't', 's')).toThrow();
  });
});

describe('logDomain', () => {
  it('runs on a 1-2-5 scale from below half the fastest p50 to the slowest p99', () => {
    const domain = logDomain(rows);
    expect(domain.low).toBe(0.2);
    expect(domain.high).toBe(50);
    expect(domain.ticks).toEqual([0.2, 0.5, 1, 2, 5, 10, 20, 50]);
    expect(logDomain([{ label: 'x', kind: 'floor', p50: 1.23, p95: 3, p99: 1000 }])).toEqual({
      low: 0.5,
      high: 1000,
      ticks: [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    });
  });
});
