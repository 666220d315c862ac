import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mintToken } from '../local/tokens';

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 30_000;

/** Who changes prices, and how its token is made: minted with the admin group, or printed by a command. */
export interface AdminTokens {
  readonly userId: string;
  /** Undefined: mint it in-process. */
  readonly command: string | undefined;
}

/**
 * Bearer tokens per user, made once and kept: minted in-process for a local server (same checkout,
 * same signing key), or printed by `<command> <userId>` for a remote API, e.g. a script that signs a
 * Cognito user in. The admin's token comes from its own command, or is minted with the admin group.
 * Tokens live an hour, far longer than a run.
 */
export function tokenSource(
  command: string | undefined,
  admin?: AdminTokens,
): (userId: string) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  const make = (userId: string): Promise<string> => {
    if (admin && userId === admin.userId) {
      return admin.command === undefined
        ? mintToken(userId, { admin: true })
        : tokenFromCommand(admin.command, userId);
    }
    return command === undefined ? mintToken(userId) : tokenFromCommand(command, userId);
  };
  return (userId) => {
    let token = cache.get(userId);
    if (!token) {
      token = make(userId);
      cache.set(userId, token);
    }
    return token;
  };
}

async function tokenFromCommand(command: string, userId: string): Promise<string> {
  // The user id goes in as a positional parameter, never spliced into the command text.
  const { stdout } = await run('sh', ['-c', `${command} "$1"`, 'tokens-cmd', userId], {
    timeout: COMMAND_TIMEOUT_MS,
  });
  const token = stdout.trim().split('\n').at(-1)?.trim();
  if (!token) throw new Error(`${command} printed no token for ${userId}.`);
  return token;
}
