import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '../../common/storage/keys';
import { LOCAL_TABLE_NAME } from '../../common/storage/table-schema';
import { shutdownLine } from '../../local/banner';
import { findFreePort } from '../../local/free-port';
import { localDynamoDbClient } from '../../local/local-dynamodb-client';
import { repoRoot } from '../../local/repo-root';
import { runNpmStart, type StartedNpmStart } from '../support/npm-start';
import { descendantsOf, isRunning } from '../support/process-tree';

/** What `npm run dev` needs of a checkout; node_modules is shared by a link. */
const CHECKOUT = ['lambdas', 'common', 'local', 'lib', 'package.json', 'package-lock.json', 'tsconfig.json'];

function copyOfCheckout(): string {
  const copy = mkdtempSync(join(tmpdir(), 'lockstep-dev-'));
  for (const path of CHECKOUT) cpSync(join(repoRoot, path), join(copy, path), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

const ENDPOINT_LINE = /^ {2}DynamoDB {2}(http:\/\/127\.0\.0\.1:\d+) /m;

describe('npm run dev', () => {
  const copy = copyOfCheckout();
  let dev: StartedNpmStart | undefined;
  afterAll(async () => {
    await dev?.stop('SIGKILL');
    rmSync(copy, { recursive: true, force: true });
  });

  it('picks up a changed handler by restarting the API, while DynamoDB Local keeps running with its data', async () => {
    const port = await findFreePort();
    dev = await runNpmStart({ PORT: String(port), DYNAMODB_PORT: '0' }, { script: 'dev', cwd: copy });
    const endpoint = ENDPOINT_LINE.exec(dev.stdout())?.[1];
    if (!endpoint) throw new Error(`No DynamoDB endpoint in the banner:\n${dev.stdout()}`);
    expect(await (await fetch(`${dev.url}/health`)).json()).toEqual({ status: 'ok' });
    // The terminal gets the compact log format by default.
    await dev.waitForStdout(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}request GET \/health 200 \d+ms /m, 0);
    const java = descendantsOf(dev.pid).find((entry) => entry.command.includes('DynamoDBLocal.jar'));
    if (!java) throw new Error('No DynamoDB Local below npm run dev');

    const marker = { ...keys.asset('DEVLOOP'), asset: 'DEVLOOP', name: 'Kept', price: '1.00' };
    await withDocuments(endpoint, (documents) =>
      documents.send(new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: marker })),
    );

    const handler = join(copy, 'lambdas', 'health.ts');
    const before = readFileSync(handler, 'utf8');
    expect(before).toContain("{ status: 'ok' }");
    const printedSoFar = dev.stdout().length;
    writeFileSync(handler, before.replace("{ status: 'ok' }", "{ status: 'edited' }"));

    await dev.waitForStdout(/lambdas\/health\.ts changed: restarting the API/, printedSoFar);
    const restarted = await dev.waitForStdout(/API listening on (\S+)/, printedSoFar);
    expect(restarted[1]).toBe(dev.url);
    expect(await (await fetch(`${dev.url}/health`)).json()).toEqual({ status: 'edited' });

    expect(ENDPOINT_LINE.exec(dev.stdout().slice(printedSoFar))?.[1]).toBe(endpoint);
    expect(isRunning(java.pid)).toBe(true);
    const { Item } = await withDocuments(endpoint, (documents) =>
      documents.send(new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: keys.asset('DEVLOOP') })),
    );
    expect(Item).toEqual(marker);

    const tree = descendantsOf(dev.pid);
    expect(await dev.stop('SIGTERM')).toBe(0);
    expect(dev.stdout().trimEnd().split('\n').at(-1)).toBe(shutdownLine(false));
    for (const entry of tree) expect(isRunning(entry.pid), entry.command).toBe(false);
  });
});

async function withDocuments<T>(
  endpoint: string,
  use: (documents: DynamoDBDocumentClient) => Promise<T>,
): Promise<T> {
  const client = localDynamoDbClient(endpoint);
  try {
    return await use(DynamoDBDocumentClient.from(client));
  } finally {
    client.destroy();
  }
}
