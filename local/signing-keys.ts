import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { repoRoot } from './repo-root';

export const SIGNING_ALGORITHM = 'ES256';

export interface SigningKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The `kid` header, so a token names the key that signed it, as Cognito's do. */
  readonly keyId: string;
}

/** Under the checkout, not the working directory: a token minted anywhere in it works with any local server of it. */
const KEY_DIR = join(repoRoot, '.local', 'keys');
const PRIVATE_KEY_FILE = join(KEY_DIR, 'token-signing-key.jwk.json');

let loaded: Promise<SigningKeys> | undefined;

/** The checkout's token signing key pair, made on first use. */
export function signingKeys(): Promise<SigningKeys> {
  loaded ??= loadOrCreate().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function loadOrCreate(): Promise<SigningKeys> {
  const privateJwk = readPrivateJwk() ?? (await createPrivateJwk());
  const { d: _private, ...publicJwk } = privateJwk;
  return {
    privateKey: await importKey(privateJwk),
    publicKey: await importKey(publicJwk),
    keyId: await calculateJwkThumbprint(publicJwk),
  };
}

function readPrivateJwk(): JWK | undefined {
  let text: string;
  try {
    text = readFileSync(PRIVATE_KEY_FILE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(
      `${PRIVATE_KEY_FILE} is not a JSON Web Key. Delete it and a new key is made on next use.`,
    );
  }
}

/**
 * Test workers and a server may all start at once and race to create the key. The key is written to
 * a private temporary file and hard-linked into place, which fails if another process got there
 * first; everyone then uses the one that won, so no process ever reads a half-written file.
 */
async function createPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  mkdirSync(KEY_DIR, { recursive: true, mode: 0o700 });
  const temporary = join(KEY_DIR, `.${randomUUID()}.tmp`);
  writeFileSync(temporary, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, PRIVATE_KEY_FILE);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readPrivateJwk();
    if (!winner) throw error;
    return winner;
  } finally {
    unlinkSync(temporary);
  }
}

async function importKey(jwk: JWK): Promise<CryptoKey> {
  const key = await importJWK(jwk, SIGNING_ALGORITHM);
  if (key instanceof Uint8Array)
    throw new Error(`${PRIVATE_KEY_FILE} does not hold an ${SIGNING_ALGORITHM} key.`);
  return key;
}
