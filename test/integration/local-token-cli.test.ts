import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/repo-root';
import { verifyToken } from '../../local/tokens';

function runTokenCli(...args: string[]) {
  const result = spawnSync('npm', ['run', '-s', 'token', '--', ...args], { cwd: repoRoot, encoding: 'utf8' });
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  return { status: result.status, lastLine: lines.at(-1) ?? '', stderr: result.stderr };
}

describe('npm run -s token', () => {
  it('prints, as the last line and alone on it, a token for the user that the local server accepts', async () => {
    const { status, lastLine } = runTokenCli('alice');
    expect(status).toBe(0);
    expect(lastLine).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = await verifyToken(lastLine);
    expect(claims.sub).toBe('alice');
    expect(claims['cognito:groups']).toBeUndefined();
    expect((claims.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThan(3_500);
  });

  it('adds the admin group with --admin', async () => {
    const { status, lastLine } = runTokenCli('root-user', '--admin');
    expect(status).toBe(0);
    expect((await verifyToken(lastLine))['cognito:groups']).toEqual(['admin']);
  });

  it.each([[[]], [['bad id']], [['#hash']], [['alice', 'bob']], [['alice', '--root']]])(
    'refuses %j with a usage message and exit code 2',
    (args) => {
      const { status, stderr } = runTokenCli(...args);
      expect(status).toBe(2);
      expect(stderr).toContain('Usage: npm run -s token -- <userId> [--admin]');
    },
  );
});
