import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from '../../local/repo-root';

export interface StartedNpmStart {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Everything printed to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves once stdout printed after `fromIndex` matches `pattern`, with the match. */
  waitForStdout(pattern: RegExp, fromIndex: number, timeoutMs?: number): Promise<RegExpExecArray>;
}

export interface NpmScriptOptions {
  /** `start` unless told otherwise, e.g. `dev`. */
  readonly script?: string;
  /** The checkout to run it in; this one unless a test works on a copy. */
  readonly cwd?: string;
}

const READY_LINE = /^API listening on (http:\/\/127\.0\.0\.1:\d+)$/m;
const READY_TIMEOUT_MS = 45_000;

/** Runs the real `npm start` (or another script that starts the stack), as a user would, and waits for its ready line. */
export async function runNpmStart(
  env: Record<string, string>,
  { script = 'start', cwd = repoRoot }: NpmScriptOptions = {},
): Promise<StartedNpmStart> {
  const inherited = { ...process.env };
  // The test workers' own DynamoDB settings must not leak into the stack under test.
  delete inherited.DYNAMODB_ENDPOINT;
  delete inherited.TABLE_NAME;
  delete inherited.DATA_DIR;
  const args = script === 'start' ? ['start'] : ['run', script];
  const child = spawn('npm', args, { cwd, env: { ...inherited, ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  if (pid === undefined) throw new Error('npm start did not start.');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`npm ${script} was not ready in time.\n${stdout}\n${stderr}`)),
      READY_TIMEOUT_MS,
    );
    const check = (): void => {
      const match = READY_LINE.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm ${script} exited with ${code} before it was ready.\n${stdout}\n${stderr}`));
    });
  });
  return {
    child,
    pid,
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (pattern, fromIndex, timeoutMs = READY_TIMEOUT_MS) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const match = pattern.exec(stdout.slice(fromIndex));
          if (match) resolve(match);
          return match !== null;
        };
        if (check()) return;
        const onData = (): void => {
          if (check()) finish();
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`npm ${script} never printed ${pattern}.\n${stdout}\n${stderr}`));
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          child.stdout.off('data', onData);
        };
        child.stdout.on('data', onData);
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
