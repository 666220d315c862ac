import { LogLevel } from 'aws-cdk-lib/aws-lambda-nodejs';
import { describe, expect, it } from 'vitest';
import { esmBundling } from '../../lib/esm-bundling';

describe('how the functions are bundled (ADR 0008)', () => {
  it('bundles the AWS SDK, so AWS runs the version the tests ran', () => {
    expect(esmBundling.externalModules).toEqual([]);
  });

  it('with local esbuild, printing its warnings but not its size table', () => {
    expect(esmBundling).toMatchObject({ forceDockerBundling: false, logLevel: LogLevel.WARNING });
  });
});
