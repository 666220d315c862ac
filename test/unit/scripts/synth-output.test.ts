import { describe, expect, it } from 'vitest';
import { isSynthProgress } from '../../../scripts/synth-output';

describe('what npm run synth leaves out', () => {
  it.each([
    'Bundling asset Lockstep/Functions/Deposit/Code/Stage...',
    'Bundling asset Lockstep-dev/Functions/Buy/Code/Stage...',
    "85 feature flags are not configured. Run 'cdk flags --unstable=flags' to learn more.",
  ])('drops the progress line %j', (line) => {
    expect(isSynthProgress(line)).toBe(true);
  });

  it.each([
    '[Warning at /Lockstep/Functions] some deprecation',
    '[Error at /Lockstep/OrderWorkflow] AwsSolutions-IAM5: The IAM entity contains wildcard permissions',
    '▲ [WARNING] "import.meta" is not available [empty-import-meta]',
    'Bundling asset Lockstep/Functions/Deposit/Code/Stage... failed',
    'npx tsx lib/app.ts: Subprocess exited with error 1',
  ])('keeps %j', (line) => {
    expect(isSynthProgress(line)).toBe(false);
  });
});
