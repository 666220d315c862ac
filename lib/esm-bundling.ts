import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * How every handler is bundled: local esbuild only (no Docker on developer machines or CI), ESM
 * because the code base is ESM, and the AWS SDK inside the bundle, so that AWS runs the SDK version
 * the tests ran rather than whichever one the runtime ships that day (ADR 0008).
 */
export const esmBundling: BundlingOptions = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  format: OutputFormat.ESM,
  // Prefer dependencies' ESM builds, which esbuild can tree-shake; fall back to CommonJS.
  mainFields: ['module', 'main'],
  // CommonJS dependencies bundled into an ESM file still call `require`, which ESM does not define.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  externalModules: [],
  // esbuild's size table for every function is progress, not news; its warnings still print.
  logLevel: LogLevel.WARNING,
};
