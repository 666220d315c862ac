/**
 * A hand-written SVG of p50, p95 and p99 per series: a bar to the p50, a lighter bar on to the p95,
 * a whisker on to the p99. The axis is logarithmic, because the floor (about a millisecond) and an
 * order through HTTP (tens of milliseconds) would otherwise not both be readable on one chart.
 */
export type ChartKind = 'floor' | 'baseline' | 'lockstep';

export interface ChartRow {
  readonly label: string;
  readonly kind: ChartKind;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

const WIDTH = 980;
const LABEL_WIDTH = 330;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_WIDTH = 430;
const VALUES_LEFT = PLOT_LEFT + PLOT_WIDTH + 15;
const TOP = 78;
const ROW_HEIGHT = 30;
const BOTTOM = 46;

const COLOURS: Readonly<Record<ChartKind, { readonly p50: string; readonly p95: string }>> = {
  floor: { p50: '#4a5568', p95: '#cbd5e0' },
  baseline: { p50: '#c05621', p95: '#fbd38d' },
  lockstep: { p50: '#2b6cb0', p95: '#90cdf4' },
};

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const formatMs = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const px = (value: number): string => value.toFixed(1);

const clean = (value: number): number => Number(value.toPrecision(6));

function tickAtOrBelow(value: number): number {
  const decade = 10 ** Math.floor(Math.log10(value));
  const step = [5, 2, 1].find((candidate) => candidate * decade <= value * (1 + 1e-9)) ?? 1;
  return clean(step * decade);
}

function tickAtOrAbove(value: number): number {
  const decade = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((candidate) => candidate * decade >= value * (1 - 1e-9)) ?? 10;
  return clean(step * decade);
}

/** A 1-2-5 scale from half the fastest p50, so the shortest bar still shows, to the slowest p99. */
export function logDomain(rows: readonly ChartRow[]): {
  readonly low: number;
  readonly high: number;
  readonly ticks: number[];
} {
  const positive = (value: number) => Math.max(value, 0.001);
  const low = tickAtOrBelow(Math.min(...rows.map((row) => positive(row.p50))) / 2);
  const high = Math.max(tickAtOrAbove(Math.max(...rows.map((row) => positive(row.p99)))), clean(low * 2));
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent++) {
    for (const step of [1, 2, 5]) {
      const tick = clean(step * 10 ** exponent);
      if (tick >= low && tick <= high) ticks.push(tick);
    }
  }
  return { low, high, ticks };
}

export function latencyChartSvg(rows: readonly ChartRow[], title: string, subtitle: string): string {
  if (rows.length === 0) throw new Error('A latency chart needs at least one row');
  const { low, high, ticks } = logDomain(rows);
  const x = (value: number) =>
    PLOT_LEFT +
    ((Math.log10(Math.max(value, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) *
      PLOT_WIDTH;
  const height = TOP + rows.length * ROW_HEIGHT + BOTTOM;
  const plotBottom = TOP + rows.length * ROW_HEIGHT;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="bold" fill="#1a202c">${escapeXml(title)}</text>`,
    `<text x="16" y="44" fill="#4a5568">${escapeXml(subtitle)}</text>`,
    legend(),
  ];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${px(x(tick))}" y1="${TOP - 6}" x2="${px(x(tick))}" y2="${plotBottom}" stroke="#e2e8f0"/>`,
      `<text x="${px(x(tick))}" y="${plotBottom + 16}" text-anchor="middle" fill="#4a5568">${escapeXml(formatMs(tick))}</text>`,
    );
  }
  parts.push(
    `<text x="${px(PLOT_LEFT + PLOT_WIDTH / 2)}" y="${plotBottom + 34}" text-anchor="middle" fill="#4a5568">milliseconds (log scale)</text>`,
    `<text x="${VALUES_LEFT}" y="${TOP - 10}" fill="#4a5568">p50 / p95 / p99 ms</text>`,
  );
  rows.forEach((row, index) => {
    const middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
    const colours = COLOURS[row.kind];
    const [p50, p95, p99] = [
      x(row.p50),
      x(Math.max(row.p95, row.p50)),
      x(Math.max(row.p99, row.p95, row.p50)),
    ];
    parts.push(
      `<g>`,
      `<title>${escapeXml(`${row.label}: p50 ${formatMs(row.p50)} ms, p95 ${formatMs(row.p95)} ms, p99 ${formatMs(row.p99)} ms`)}</title>`,
      `<text x="${LABEL_WIDTH}" y="${middle + 4}" text-anchor="end" fill="#1a202c">${escapeXml(row.label)}</text>`,
      `<rect x="${px(PLOT_LEFT)}" y="${px(middle - 7)}" width="${px(Math.max(1, p50 - PLOT_LEFT))}" height="14" fill="${colours.p50}"/>`,
      `<rect x="${px(p50)}" y="${px(middle - 7)}" width="${px(Math.max(0, p95 - p50))}" height="14" fill="${colours.p95}"/>`,
      `<line x1="${px(p95)}" y1="${px(middle)}" x2="${px(p99)}" y2="${px(middle)}" stroke="#1a202c"/>`,
      `<line x1="${px(p99)}" y1="${px(middle - 5)}" x2="${px(p99)}" y2="${px(middle + 5)}" stroke="#1a202c"/>`,
      `<text x="${VALUES_LEFT}" y="${middle + 4}" fill="#1a202c">${escapeXml(`${formatMs(row.p50)} / ${formatMs(row.p95)} / ${formatMs(row.p99)}`)}</text>`,
      `</g>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function legend(): string {
  const entries: Array<[string, string]> = [
    [COLOURS.lockstep.p50, 'lockstep p50'],
    [COLOURS.lockstep.p95, 'to p95'],
    [COLOURS.baseline.p50, 'baseline'],
    [COLOURS.floor.p50, 'floor'],
  ];
  const items = entries.map(
    ([colour, text], index) =>
      `<rect x="${16 + index * 120}" y="54" width="12" height="12" fill="${colour}"/><text x="${32 + index * 120}" y="64" fill="#1a202c">${escapeXml(text)}</text>`,
  );
  const whiskerX = 16 + entries.length * 120;
  items.push(
    `<line x1="${whiskerX}" y1="60" x2="${whiskerX + 16}" y2="60" stroke="#1a202c"/><line x1="${whiskerX + 16}" y1="55" x2="${whiskerX + 16}" y2="65" stroke="#1a202c"/><text x="${whiskerX + 22}" y="64" fill="#1a202c">to p99</text>`,
  );
  return items.join('\n');
}
