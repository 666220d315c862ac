import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { repoRoot } from '../local/repo-root';
import { isSynthProgress } from './synth-output';

/**
 * `npm run synth`: `cdk synth` offline, printing warnings and errors only, and exiting with its
 * status. The template goes to cdk.out/, as with `cdk synth`.
 */
const cdk = spawn('cdk', ['synth', '--no-notices', '--quiet', ...process.argv.slice(2)], {
  cwd: repoRoot,
  env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  stdio: ['inherit', 'pipe', 'pipe'],
});

function relay(from: Readable, to: Writable): Promise<void> {
  const lines = createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    if (!isSynthProgress(line)) to.write(`${line}\n`);
  });
  return new Promise((resolve) => lines.once('close', resolve));
}

const relayed = Promise.all([relay(cdk.stdout, process.stdout), relay(cdk.stderr, process.stderr)]);
cdk.once('error', (error) => {
  console.error(`cdk synth could not be started: ${error.message}`);
  process.exit(1);
});
cdk.once('close', async (code, signal) => {
  await relayed;
  process.exit(code ?? (signal ? 1 : 0));
});
