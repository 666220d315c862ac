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
}

const READY_LINE = /^API listening on (http:\/\/127\.0\.0\.1:\d+)$/m;
const READY_TIMEOUT_MS = 45_000;

/** Runs the real `npm start`, as a user would, and waits for its ready line. */
export async function runNpmStart(env: Record<string, string>): Promise<StartedNpmStart> {
  const inherited = { ...process.env };
  // The test workers' own DynamoDB settings must not leak into the stack under test.
  delete inherited.DYNAMODB_ENDPOINT;
  delete inherited.TABLE_NAME;
  delete inherited.DATA_DIR;
  const child = spawn('npm', ['start'], { cwd: repoRoot, env: { ...inherited, ...env }, stdio: 'pipe' });
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
      () => reject(new Error(`npm start was not ready in time.\n${stdout}\n${stderr}`)),
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
      reject(new Error(`npm start exited with ${code} before it was ready.\n${stdout}\n${stderr}`));
    });
  });
  return {
    child,
    pid,
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
