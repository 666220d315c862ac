/**
 * `npm run dev`: `npm start` for editing. DynamoDB Local runs here, once; the API runs in a child
 * process (local/main.ts) that is restarted whenever a file under lambdas/ or common/ changes, so
 * every handler and domain module is imported afresh while the data stays where it was.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { shutdownLine } from './banner';
import { startDynamoDbLocal } from './dynamodb-local';
import { portFromEnv } from './port-from-env';
import { repoRoot } from './repo-root';

export const WATCHED_FOLDERS = ['lambdas', 'common'] as const;
/** Editors write a file in several steps; one restart per burst of changes. */
const SETTLE_MS = 150;
const STOP_GRACE_MS = 10_000;

let dynamoDb: Awaited<ReturnType<typeof startDynamoDbLocal>>;
try {
  dynamoDb = await startDynamoDbLocal({
    port: portFromEnv('DYNAMODB_PORT'),
    dataDir: process.env.DATA_DIR || undefined,
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

let api: ChildProcess | undefined;
/** API processes this script stopped itself, whose exit is expected. */
const stoppedOnPurpose = new WeakSet<ChildProcess>();
let stopping = false;

function startApi(): void {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'local', 'main.ts')], {
    cwd: repoRoot,
    env: {
      LOCKSTEP_LOG_FORMAT: 'compact',
      ...process.env,
      DYNAMODB_ENDPOINT: dynamoDb.endpoint,
    },
    stdio: 'inherit',
  });
  child.once('exit', (code, signal) => {
    if (api === child) api = undefined;
    if (!stopping && !stoppedOnPurpose.has(child)) {
      console.error(
        `The API exited (${signal ?? `code ${code}`}); the next change under lambdas/ or common/ restarts it.`,
      );
    }
  });
  api = child;
}

async function stopApi(): Promise<void> {
  const child = api;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  stoppedOnPurpose.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

let restarting: Promise<void> | undefined;
let pending: NodeJS.Timeout | undefined;
function scheduleRestart(changed: string): void {
  clearTimeout(pending);
  pending = setTimeout(() => {
    restarting = (restarting ?? Promise.resolve()).then(async () => {
      if (stopping) return;
      console.log(`\n${changed} changed: restarting the API; DynamoDB Local and its data stay.`);
      await stopApi();
      if (!stopping) startApi();
    });
  }, SETTLE_MS);
}

const watchers = WATCHED_FOLDERS.map((folder) =>
  watch(join(repoRoot, folder), { recursive: true }, (_event, file) => {
    if (file && /\.(ts|json)$/.test(file)) scheduleRestart(join(folder, file));
  }),
);

async function shutDown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), STOP_GRACE_MS * 2).unref();
  for (const watcher of watchers) watcher.close();
  clearTimeout(pending);
  await restarting;
  await stopApi();
  await dynamoDb.stop();
  console.log(shutdownLine(false));
  process.exit(0);
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);

console.log(
  `npm run dev: DynamoDB Local at ${dynamoDb.endpoint}; watching ${WATCHED_FOLDERS.map((folder) => `${folder}/`).join(' and ')}, a change restarts the API.`,
);
startApi();
