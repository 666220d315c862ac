import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FAULT_LINE_PREFIX } from '../local/faults/fault-dice';
import { findFreePort } from '../local/free-port';
import { repoRoot } from '../local/repo-root';

export interface LocalServerOptions {
  /** DynamoDB Local keeps its data here, so a restart after kill -9 finds it. */
  readonly dataDir: string;
  /** Everything the server prints goes here, across restarts. */
  readonly logFile: string;
  /** The LOCKSTEP_FAULTS value, for --inject. */
  readonly faults?: string;
}

export interface LocalServer {
  readonly url: string;
  /** Injected faults the server reported, by kind, across restarts. */
  readonly faultCounts: ReadonlyMap<string, number>;
  /** kill -9 of the whole process group (the JVM included), then the same server again on the same port and data. */
  killAndRestart(): Promise<{ downMs: number }>;
  /** SIGTERM to the group, SIGKILL after a grace period; resolves once nothing of the group is left. */
  stop(): Promise<void>;
  /** Last resort on exit: synchronous SIGKILL of the group. */
  killNow(): void;
  /** Whether any process of the current group is still alive. */
  groupAlive(): boolean;
  /**
   * Rejects when the server exits without the checker having killed or stopped it, so a run does not
   * go on retrying against nothing until its bounds run out.
   */
  readonly failure: Promise<never>;
}

const READY_LINE = /API listening on (http:\/\/\S+)/;
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 12_000;
const GONE_TIMEOUT_MS = 10_000;
const STORAGE_KILL_DELAY_MS = 500;

/**
 * `npm start` as a child process in a process group of its own (so one signal reaches npm's tsx,
 * the node server and the DynamoDB Local JVM alike), on a port picked once and kept across
 * restarts, with DYNAMODB_PORT=0 and our own DATA_DIR.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const port = await findFreePort();
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const faultCounts = new Map<string, number>();
  let expectingExit = false;
  let reportFailure: (error: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    reportFailure = reject;
  });
  // Observed through races only; an unobserved rejection must not end the process.
  failure.catch(() => {});
  const watch = (launched: Launched): Launched => {
    launched.child.once('exit', (code, signal) => {
      if (expectingExit) return;
      reportFailure(
        new Error(
          `The local server (process group ${launched.pgid}) exited by itself (${signal ?? `code ${code}`}); see ${options.logFile}.`,
        ),
      );
    });
    return launched;
  };
  let current = watch(await launch(port, options, log, faultCounts));

  const waitGone = async (pgid: number, child: ChildProcess): Promise<void> => {
    const deadline = Date.now() + GONE_TIMEOUT_MS;
    while (
      (groupExists(pgid) || (child.exitCode === null && child.signalCode === null)) &&
      Date.now() < deadline
    ) {
      await sleep(50);
    }
    if (groupExists(pgid)) throw new Error(`Process group ${pgid} is still alive after SIGKILL.`);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    faultCounts,
    failure,
    killAndRestart: async () => {
      const killedAt = Date.now();
      expectingExit = true;
      try {
        await killApplicationThenStorage(current.pgid);
        await waitGone(current.pgid, current.child);
        log.write(`\n==== check: kill -9 of process group ${current.pgid}, restarting ====\n`);
        current = await launch(port, options, log, faultCounts);
      } catch (error) {
        reportFailure(error instanceof Error ? error : new Error(String(error)));
        throw error;
      } finally {
        expectingExit = false;
      }
      watch(current);
      return { downMs: Date.now() - killedAt };
    },
    stop: async () => {
      expectingExit = true;
      signalGroup(current.pgid, 'SIGTERM');
      const deadline = Date.now() + STOP_GRACE_MS;
      while (groupExists(current.pgid) && Date.now() < deadline) await sleep(100);
      if (groupExists(current.pgid)) signalGroup(current.pgid, 'SIGKILL');
      await waitGone(current.pgid, current.child);
      await new Promise<void>((resolve) => log.end(resolve));
    },
    killNow: () => {
      expectingExit = true;
      signalGroup(current.pgid, 'SIGKILL');
    },
    groupAlive: () => groupExists(current.pgid),
  };
}

interface Launched {
  readonly child: ChildProcess;
  readonly pgid: number;
}

async function launch(
  port: number,
  options: LocalServerOptions,
  log: WriteStream,
  faultCounts: Map<string, number>,
): Promise<Launched> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Our own DynamoDB settings (a test run's) must not leak into the server under test.
  delete env.DYNAMODB_ENDPOINT;
  delete env.TABLE_NAME;
  delete env.LOCKSTEP_FAULTS;
  Object.assign(env, {
    PORT: String(port),
    DYNAMODB_PORT: '0',
    DATA_DIR: options.dataDir,
    ...(options.faults ? { LOCKSTEP_FAULTS: options.faults } : {}),
  });
  // What `npm start` runs (`exec tsx local/main.ts`), without npm's own process in between.
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['local/main.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('The local server did not start.');
  // Every exit goes into the log: one the checker did not cause is worth knowing about.
  child.once('exit', (code, signal) => {
    if (log.writableEnded) return;
    log.write(`\n==== check: server process group ${pgid} exited (${signal ?? `code ${code}`}) ====\n`);
  });
  let tail = '';
  let stderrLine = '';
  child.stdout.on('data', (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-8_000);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-8_000);
    const lines = (stderrLine + text).split('\n');
    stderrLine = lines.pop() ?? '';
    for (const line of lines) countFault(line, faultCounts);
  });
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    const onData = (): void => {
      if (READY_LINE.test(tail)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(true);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    signalGroup(pgid, 'SIGKILL');
    throw new Error(
      `The local server ${exited ? 'exited before it printed' : 'did not print'} "API listening on${exited ? '"' : `" within ${READY_TIMEOUT_MS / 1000} s`}. Its output:\n${tail}`,
    );
  }
  return { child, pgid };
}

function countFault(line: string, counts: Map<string, number>): void {
  const at = line.indexOf(FAULT_LINE_PREFIX);
  if (at < 0) return;
  try {
    const { kind } = JSON.parse(line.slice(at + FAULT_LINE_PREFIX.length)) as { kind?: unknown };
    if (typeof kind === 'string') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  } catch {
    counts.set('unreadable', (counts.get('unreadable') ?? 0) + 1);
  }
}

/**
 * DynamoDB Local can lose a TransactWriteItems it acknowledged in the last few tens of milliseconds
 * when its JVM is SIGKILLed (check/dynamodb-local-durability.ts shows it); DynamoDB itself never
 * loses an acknowledged write, and every lockstep write is such a transaction. So the crash is of
 * the application: every process of the group but the JVM dies at once, and the JVM, with nobody
 * left to call it, gets its SIGKILL a moment later, as part of the same group kill.
 */
async function killApplicationThenStorage(pgid: number): Promise<void> {
  for (const member of groupMembers(pgid)) {
    if (member.command !== 'java') signalProcess(member.pid, 'SIGKILL');
  }
  await sleep(STORAGE_KILL_DELAY_MS);
  signalGroup(pgid, 'SIGKILL');
}

function groupMembers(pgid: number): Array<{ pid: number; command: string }> {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,pgid=,comm='], { encoding: 'utf8' });
  return table.split('\n').flatMap((line) => {
    const [pid, group, command = ''] = line.trim().split(/\s+/);
    return Number(group) === pgid ? [{ pid: Number(pid), command }] : [];
  });
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** A negative pid signals the whole process group. */
function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  signalProcess(-pgid, signal);
}

/**
 * Whether a live (not zombie) process of the group is left. Signal 0 alone would count zombies,
 * which linger when the init process of a container does not reap orphans.
 */
export function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const table = execFileSync('ps', ['-A', '-o', 'pgid=,stat='], { encoding: 'utf8' });
  return table.split('\n').some((line) => {
    const [group, state = ''] = line.trim().split(/\s+/);
    return Number(group) === pgid && !state.startsWith('Z');
  });
}
