import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/repo-root';
import { startTestApi, type TestApi } from '../support/local-api';

const run = promisify(execFile);
const START = '<!-- readme-examples:start';
const END = '<!-- readme-examples:end -->';

/** The shell block between the README's example markers, exactly as a reader would copy it. */
function readmeExamples(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(START), readme.indexOf(END));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```sh block between the readme-examples markers');
  return block;
}

describe('the README’s curl examples', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('run as written against the local server and get the answers the README promises', async () => {
    // Only API is supplied: the block defaults it to the local server's usual address.
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', readmeExamples()], {
      cwd: repoRoot,
      env: { ...process.env, API: api.url },
      timeout: 120_000,
    });
    expect(stdout).toContain('{"status":"ok"}');
    expect(stdout).toContain('"asset":"BTC"');
    expect(stdout).toMatch(/"transaction":\{[^}]*"type":"DEPOSIT","asset":"USD","amount":"100\.00"/);
    expect(stdout).toMatch(/"transaction":\{[^}]*"type":"WITHDRAWAL","asset":"USD","amount":"-30\.00"/);
    expect(stdout).toMatch(/"transfer":\{[^}]*"from":"alice","to":"bob","amount":"25\.00","memo":"job 42"/);
    expect(stdout).toMatch(/"side":"BUY","asset":"BTC","quantity":"0\.00100000","price":"\d+\.\d{2}"/);
    expect(stdout).toMatch(/"side":"SELL","asset":"BTC","quantity":"0\.00050000"/);
    expect(stdout).toMatch(
      /"from":"alice","to":"bob","amount":"20\.00","captured":"0\.00","status":"PENDING"/,
    );
    expect(stdout).toMatch(
      /"from":"alice","to":"bob","amount":"20\.00","captured":"15\.00","status":"CAPTURED"/,
    );
    expect(stdout).toMatch(/\{"items":\[\{"holdId":"[0-9A-Z]{26}","from":"alice","to":"bob"/);
    expect(stdout).toMatch(
      /\{"asOf":"[^"]+","cash":"\d+\.\d{2}","assets":\[\{"asset":"BTC","quantity":"0\.00050000","price":"\d+\.\d{2}","value":"\d+\.\d{2}"\}\],"total":"\d+\.\d{2}"\}/,
    );
    expect(stdout).toContain('"code":"INSUFFICIENT_FUNDS"');
    expect(stdout).toMatch(/"withdrawal":\{"limit":"5000\.00","used":"75\.00","remaining":"4925\.00"/);
    expect(stdout).toMatch(/"code":"DAILY_LIMIT_EXCEEDED".*"dailyLimit":\{"kind":"deposit"/);
    expect(stdout).toMatch(
      /"withdrawal":\{"limit":"1000\.00","used":"75\.00","remaining":"925\.00","source":"user"\}/,
    );
    expect(stdout).toContain('{"asset":"DOGE","name":"Dogecoin","price":"0.25"}');
    expect(stdout).toMatch(
      /"asset":"DOGE","quantity":"10\.00000000","price":"0\.20","total":"2\.00","status":"OPEN","type":"LIMIT"/,
    );
    expect(stdout).toMatch(/"status":"CANCELLED","type":"LIMIT","limitPrice":"0\.10"/);
    expect(stdout).toContain('{"asset":"DOGE","name":"Dogecoin","price":"0.19"}');
  });
});
