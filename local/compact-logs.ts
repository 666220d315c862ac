/**
 * LOCKSTEP_LOG_FORMAT=compact (the default of `npm run dev`): Powertools' JSON log lines, one short
 * line each for a terminal, e.g. `15:05:13.945 INFO  request POST /deposits 201 12ms userId=alice
 * [req-3a32…]`. Lambda and `npm start` keep the JSON that CloudWatch and tools read.
 */
const LEFT_OUT = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'correlation_id',
  'cold_start',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'lambdaRequestId',
  'xray_trace_id',
]);

/** The compact form of one Powertools JSON line; undefined for anything that is not one. */
export function compactLogLine(line: string): string | undefined {
  if (!line.startsWith('{"level":')) return undefined;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const time = typeof entry.timestamp === 'string' ? entry.timestamp.slice(11, 23) : '';
  const level = String(entry.level).padEnd(5);
  const request =
    entry.message === 'request'
      ? ` ${entry.route ?? ''} ${entry.status ?? ''} ${entry.durationMs === undefined ? '' : `${entry.durationMs}ms`}`.trimEnd()
      : '';
  const details = Object.entries(entry)
    .filter(([key, value]) => !LEFT_OUT.has(key) && value !== undefined && value !== false)
    .filter(([key]) => entry.message !== 'request' || !['route', 'status', 'durationMs'].includes(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const correlation = typeof entry.correlation_id === 'string' ? ` [${entry.correlation_id}]` : '';
  return `${time} ${level} ${entry.message}${request}${details.length > 0 ? ` ${details.join(' ')}` : ''}${correlation}`;
}

type Write = typeof process.stdout.write;

/** Rewrites this process's log lines on their way out; every other byte passes as it was. */
export function writeCompactLogs(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof chunk !== 'string') return write(chunk, ...rest);
      const lines = chunk.split('\n');
      return write(lines.map((text) => compactLogLine(text) ?? text).join('\n'), ...rest);
    }) as Write;
  }
}
