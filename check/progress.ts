export interface ProgressFigures {
  readonly done: number;
  readonly total: number;
  readonly retries: number;
  readonly serverErrors: number;
  readonly note?: string;
}

export interface Progress {
  update(figures: ProgressFigures): void;
  finish(figures: ProgressFigures): void;
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;
/** Lines a non-interactive log gets: at these fractions of the load. */
const LOG_POINTS = [0.25, 0.5, 0.75];

/**
 * A bar redrawn in place when stderr is a terminal; in CI, where a bar would be a wall of carriage
 * returns, a few plain lines instead.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastDraw = 0;
  let nextPoint = 0;
  const line = ({ done, total, retries, serverErrors, note }: ProgressFigures): string => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? (done / seconds).toFixed(0) : '0';
    return `${done}/${total} ops, ${rate} ops/s, ${retries} retries, ${serverErrors} 5xx${note ? `, ${note}` : ''}`;
  };
  const bar = (figures: ProgressFigures): string => {
    const filled = figures.total === 0 ? BAR_WIDTH : Math.round((figures.done / figures.total) * BAR_WIDTH);
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${line(figures)}`;
  };
  if (stream.isTTY) {
    return {
      update: (figures) => {
        if (Date.now() - lastDraw < REDRAW_MS) return;
        lastDraw = Date.now();
        stream.write(`\r\x1b[2K${bar(figures)}`);
      },
      finish: (figures) => stream.write(`\r\x1b[2K${bar(figures)}\n`),
    };
  }
  return {
    update: (figures) => {
      const point = LOG_POINTS[nextPoint];
      if (point === undefined || figures.done < figures.total * point) return;
      nextPoint++;
      stream.write(`progress: ${line(figures)}\n`);
    },
    finish: (figures) => stream.write(`progress: ${line(figures)} (done)\n`),
  };
}
