import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../local/repo-root';
import { newUserId } from '../../../test/support/ids';
import { startTestApi, type TestApi } from '../../../test/support/local-api';
import { depositHundred } from '../examples/deposit';

const EXAMPLE_FILE = new URL('../examples/deposit.ts', import.meta.url);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

describe("the README's client example", () => {
  it('is packages/client/examples/deposit.ts, word for word', () => {
    const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
    const block =
      /<!-- client-example:start[^\n]*-->\n```ts\n([\s\S]*?)```\n<!-- client-example:end -->/.exec(readme);
    expect(block?.[1]).toBe(readFileSync(EXAMPLE_FILE, 'utf8'));
  });

  it('deposits against the local API', async () => {
    const token = await api.tokenFor(newUserId('readme-client'));
    expect(await depositHundred(api.url, token)).toBe('available: 100.00 USD');
    expect(await depositHundred(api.url, 'not-a-token')).toMatch(/^refused: UNAUTHORIZED: /);
  });
});
