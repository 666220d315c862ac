import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; every test works on its own user ids, so files can share it.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/quiet-output.ts'],
    // Output of passing tests is noise that hides a failure; LOCKSTEP_TEST_OUTPUT=all shows it all.
    silent: process.env.LOCKSTEP_TEST_OUTPUT === 'all' ? false : 'passed-only',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
