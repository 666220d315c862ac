import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../../check/options';

describe('npm run check flags', () => {
  it('has the full-run defaults (20 users, 2,000 operations, concurrency 32), and --short the CI sizes', () => {
    expect(parseOptions(['--seed', '9'], {})).toMatchObject({
      users: 20,
      concurrency: 32,
      ops: 2000,
      seed: 9,
      baseUrl: undefined,
    });
    expect(parseOptions(['--short', '--kill'], {})).toMatchObject({
      users: 6,
      concurrency: 8,
      ops: 200,
      kill: true,
    });
    expect(parseOptions(['--short', '--ops=50'], {})).toMatchObject({ ops: 50, users: 6 });
    expect(parseOptions(['--cash-only'], {})).toMatchObject({ cashOnly: true, abort: false });
    expect(parseOptions(['--short', '--bank', '--inject'], {})).toMatchObject({
      bank: true,
      inject: true,
      users: 10,
      ops: 200,
    });
  });

  it('takes the tokens command from the environment for a remote API', () => {
    const options = parseOptions(['--base-url', 'https://api.example/'], {
      LOCKSTEP_TOKENS_CMD: './token.sh',
    });
    expect(options).toMatchObject({
      baseUrl: 'https://api.example',
      tokensCommand: './token.sh',
      adminTokenCommand: undefined,
    });
    expect(
      parseOptions(['--base-url', 'https://api.example', '--admin-token-cmd', './admin-token.sh'], {}),
    ).toMatchObject({ adminTokenCommand: './admin-token.sh' });
  });

  it.each([
    [['--users', '0']],
    [['--ops', 'many']],
    [['--fault-rate', '2']],
    [['--base-url', 'ftp://x']],
    [['--base-url', 'http://x', '--kill']],
    [['--tokens-cmd', 'x']],
    [['--admin-token-cmd', 'x']],
    [['--bank', '--cash-only']],
    [['--bank', '--users', '1']],
    [['--nope']],
    [['--users']],
  ])('refuses %j', (argv) => {
    expect(() => parseOptions(argv, {})).toThrow(UsageError);
  });
});
