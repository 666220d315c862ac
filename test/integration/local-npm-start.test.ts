import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { keys } from '../../common/storage/keys';
import { LOCAL_TABLE_NAME } from '../../common/storage/table-schema';
import { shutdownLine } from '../../local/banner';
import { findFreePort } from '../../local/free-port';
import { localDynamoDbClient } from '../../local/local-dynamodb-client';
import { runNpmStart, type StartedNpmStart } from '../support/npm-start';
import { descendantsOf, isRunning, type ProcessInfo } from '../support/process-tree';

/** The real `npm start`, run as a user would: ready line, /health, and nothing left behind after a signal. */
const running = new Set<StartedNpmStart>();
afterEach(async () => {
  for (const started of running) await started.stop('SIGKILL');
  running.clear();
});

async function start(env: Record<string, string>): Promise<StartedNpmStart> {
  const started = await runNpmStart(env);
  running.add(started);
  return started;
}

async function stop(started: StartedNpmStart, signal: NodeJS.Signals): Promise<number | null> {
  const code = await started.stop(signal);
  running.delete(started);
  return code;
}

function dynamoDbLocalOf(tree: readonly ProcessInfo[]): ProcessInfo {
  const java = tree.find((entry) => entry.command.includes('DynamoDBLocal.jar'));
  if (!java)
    throw new Error(`No DynamoDB Local below npm start:\n${tree.map((entry) => entry.command).join('\n')}`);
  return java;
}

function portOf(java: ProcessInfo): number {
  return Number(/-port (\d+)/.exec(java.command)?.[1]);
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function expectAllGone(tree: readonly ProcessInfo[], ports: readonly number[]): Promise<void> {
  for (const entry of tree) expect(isRunning(entry.pid), `${entry.pid} ${entry.command}`).toBe(false);
  for (const port of ports) expect(await isListening(port), `port ${port}`).toBe(false);
}

describe.each(['SIGTERM', 'SIGINT'] as const)('npm start stopped by %s', (signal) => {
  it('prints the ready line once, serves /health, then exits 0 leaving no process or port behind', async () => {
    const port = await findFreePort();
    const startedAt = Date.now();
    const started = await start({ PORT: String(port), DYNAMODB_PORT: '0' });
    console.info(`npm start was ready in ${Date.now() - startedAt} ms`);

    expect(started.url).toBe(`http://127.0.0.1:${port}`);
    expect(started.stdout().match(/API listening on/g)).toHaveLength(1);
    const health = await fetch(`${started.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const tree = descendantsOf(started.pid);
    const java = dynamoDbLocalOf(tree);
    expect(isRunning(java.pid)).toBe(true);
    // DYNAMODB_PORT=0 picked a port; the banner names the one DynamoDB Local really listens on.
    expect(started.stdout()).toContain(`  DynamoDB  http://127.0.0.1:${portOf(java)} (in memory`);
    expect(started.stdout()).toMatch(/^ {4}POST \/orders\/buy$/m);
    expect(started.stdout()).toContain('npm run -s token -- alice');

    expect(await stop(started, signal)).toBe(0);
    expect(started.stdout().trimEnd().split('\n').at(-1)).toBe(shutdownLine(false));
    await expectAllGone(tree, [port, portOf(java)]);
  });
});

describe('npm start with DATA_DIR', () => {
  const dataDirs: string[] = [];
  afterEach(() => {
    for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds its data again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-data-'));
    dataDirs.push(dataDir);
    const env = async () => ({
      PORT: String(await findFreePort()),
      DYNAMODB_PORT: String(await findFreePort()),
      DATA_DIR: dataDir,
    });
    const item = { ...keys.asset('PERSIST'), asset: 'PERSIST', name: 'Persisted', price: '1.23' };

    const firstEnv = await env();
    const first = await start(firstEnv);
    await withTable(firstEnv.DYNAMODB_PORT, (documents) =>
      documents.send(new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: item })),
    );
    const firstTree = descendantsOf(first.pid);
    expect(await stop(first, 'SIGTERM')).toBe(0);
    await expectAllGone(firstTree, [Number(firstEnv.PORT), Number(firstEnv.DYNAMODB_PORT)]);
    expect(readdirSync(dataDir)).toContain('shared-local-instance.db');

    const secondEnv = await env();
    const second = await start(secondEnv);
    const { Item } = await withTable(secondEnv.DYNAMODB_PORT, (documents) =>
      documents.send(new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: keys.asset('PERSIST') })),
    );
    expect(Item).toEqual(item);
    const secondTree = descendantsOf(second.pid);
    expect(await stop(second, 'SIGTERM')).toBe(0);
    await expectAllGone(secondTree, [Number(secondEnv.PORT), Number(secondEnv.DYNAMODB_PORT)]);
  });
});

async function withTable<T>(
  port: string,
  use: (documents: DynamoDBDocumentClient) => Promise<T>,
): Promise<T> {
  const client = localDynamoDbClient(`http://127.0.0.1:${port}`);
  try {
    return await use(DynamoDBDocumentClient.from(client));
  } finally {
    client.destroy();
  }
}
