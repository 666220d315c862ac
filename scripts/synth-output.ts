/**
 * Progress lines of a successful `cdk synth`, which say nothing a reader must act on: the CDK's
 * own "Bundling asset …" for every function (written unconditionally, with no setting to silence it)
 * and its count of feature flags left at their defaults, which are the defaults this stack is built
 * and tested with. Everything else, warnings and errors above all, passes through.
 */
const PROGRESS_LINES: readonly RegExp[] = [
  /^Bundling asset \S+\.\.\.$/,
  /^\d+ feature flags are not configured\. Run 'cdk flags --unstable=flags' to learn more\.$/,
];

export function isSynthProgress(line: string): boolean {
  return PROGRESS_LINES.some((pattern) => pattern.test(line));
}
