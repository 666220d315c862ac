import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { buildLockstepStack, type LockstepStack } from './lockstep-stack';

/**
 * An empty bundling-stacks list makes the CDK skip every esbuild bundle, and the built-in
 * CloudFormation validation (a WebAssembly engine that costs over a second to start) is left to
 * `cdk synth`. That keeps synthesis in-process, offline and fast for tests and the local server.
 */
function unbundledApp(context: Record<string, unknown>, props: AppProps = {}): App {
  return new App({
    ...props,
    context: { ...context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });
}

/**
 * The same stack as `cdk synth` builds, for assertions with `Template.fromStack`. The cdk-nag packs
 * run here too (they walk the construct tree in well under a second), so a test that synthesizes
 * fails on an unacknowledged finding just as `npm run synth` does.
 */
export function buildUnbundledLockstepStack(context: Record<string, unknown> = {}): LockstepStack {
  return buildLockstepStack(unbundledApp(context));
}

/** The CloudFormation template that `cdk synth` produces, minus the bundled code. */
export function synthesizeLockstepTemplate(context: Record<string, unknown> = {}): Record<string, unknown> {
  // A throwaway assembly directory, so that every local start does not leave one more in the temp folder.
  const outdir = mkdtempSync(join(tmpdir(), 'lockstep-synth-'));
  try {
    const app = unbundledApp(context, { outdir });
    const stack = buildLockstepStack(app);
    return app.synth().getStackArtifact(stack.artifactId).template;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
