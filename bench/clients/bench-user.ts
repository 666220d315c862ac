import { randomBytes } from 'node:crypto';
import { authenticate } from '../../local/authenticate';
import { mintToken } from '../../local/tokens';
import type { BenchUser } from './api-client';

/** Ids unique to this run, so a run never finds another run's balances or locks. */
const RUN_ID = randomBytes(4).toString('hex');

/**
 * A fresh user with a token from the local token service. The authorizer output is what the local
 * gateway would hand the handler for that token; in AWS the authorizer runs outside the Lambda, so
 * in-process calls take it ready-made and only HTTP calls pay for verifying the token.
 */
export async function newBenchUser(label: string): Promise<BenchUser> {
  const userId = `bench-${label}-${RUN_ID}`;
  const token = await mintToken(userId);
  const authentication = await authenticate(`Bearer ${token}`);
  if (!authentication.authorized) {
    throw new Error(
      `The local authorizer refused a token just minted for ${userId}: ${authentication.message}`,
    );
  }
  return { userId, token, authorizer: authentication.authorizer };
}

export const runId = (): string => RUN_ID;
