/**
 * Code under test writes to the process streams directly: Powertools' JSON log lines and Node's
 * warnings would bypass vitest's console capture and print for every passing test. Routed through
 * the console instead, vitest keeps each line with the test that wrote it and, with `silent:
 * 'passed-only'` (vitest.config.ts), prints it only when that test fails.
 */
type Write = typeof process.stdout.write;
type WriteCallback = (error?: Error | null) => void;

function throughConsole(method: 'log' | 'error'): Write {
  const write = (
    chunk: string | Uint8Array,
    encodingOrCallback?: BufferEncoding | WriteCallback,
    callback?: WriteCallback,
  ): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    console[method](text.endsWith('\n') ? text.slice(0, -1) : text);
    (typeof encodingOrCallback === 'function' ? encodingOrCallback : callback)?.();
    return true;
  };
  return write as Write;
}

process.stdout.write = throughConsole('log');
process.stderr.write = throughConsole('error');
