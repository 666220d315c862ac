import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CryptoKey, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/repo-root';
import { signingKeys } from '../../local/signing-keys';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, mintToken } from '../../local/tokens';
import { newUserId } from '../support/ids';
import { startTestApi, type TestApi } from '../support/local-api';

const contractError = (code: string) => ({
  error: { code, message: expect.any(String), requestId: expect.any(String) },
});

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('GET /health', () => {
  it('answers 200 {"status":"ok"} without a token', async () => {
    const response = await api.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.text).toBe('{"status":"ok"}');
  });
});

describe('authentication', () => {
  const hasListAssets = existsSync(join(repoRoot, 'lambdas/list-assets.ts'));

  it.runIf(hasListAssets)('accepts a token from mintToken on GET /assets', async () => {
    const response = await api.request('GET', '/assets', { token: await mintToken(newUserId()) });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ asset: 'BTC' })]),
    });
  });

  it('the same own-key signing passes when every claim is right, so the refusals below are about the claim', async () => {
    const response = await api.request('GET', '/balance', { token: await tokenSignedWith(await ownKey()) });
    expect(response.status).not.toBe(401);
  });

  const refused: ReadonlyArray<[string, () => Promise<string | undefined>]> = [
    ['a missing token', async () => undefined],
    ['a malformed token', async () => 'not.a.jwt'],
    ['an expired token', () => mintToken(newUserId(), { expiresInSeconds: -60 })],
    ['a token signed by another key', async () => tokenSignedWith(await foreignKey())],
    [
      'a token for another audience',
      async () => tokenSignedWith(await ownKey(), { audience: 'someone-else' }),
    ],
    [
      'a token from another issuer',
      async () => tokenSignedWith(await ownKey(), { issuer: 'https://idp.example' }),
    ],
    ['an unsigned token', async () => unsignedToken()],
  ];

  it.each(refused)('answers 401 UNAUTHORIZED to %s', async (_, token) => {
    const response = await api.request('GET', '/balance', { token: await token() });
    expect(response.status).toBe(401);
    expect(response.json).toEqual(contractError('UNAUTHORIZED'));
    expect(response.text).not.toMatch(/at .*\.ts|stack/i);
  });

  it('answers 401 to a scheme other than Bearer', async () => {
    const token = await mintToken(newUserId());
    const response = await api.request('GET', '/balance', { headers: { authorization: `Basic ${token}` } });
    expect(response.status).toBe(401);
    expect(response.json).toEqual(contractError('UNAUTHORIZED'));
  });
});

describe('routing', () => {
  it('answers 404 NOT_FOUND to an unknown route', async () => {
    const response = await api.request('GET', '/no-such-route');
    expect(response.status).toBe(404);
    expect(response.json).toEqual(contractError('NOT_FOUND'));
    expect(response.headers.get('apigw-requestid')).toBe(
      (response.json as { error: { requestId: string } }).error.requestId,
    );
  });

  it('answers 404 to a known path with the wrong method, as an HTTP API does', async () => {
    const response = await api.request('DELETE', '/health');
    expect(response.status).toBe(404);
    expect(response.json).toEqual(contractError('NOT_FOUND'));
  });

  it('answers 404 to a trailing slash', async () => {
    expect((await api.request('GET', '/health/')).status).toBe(404);
  });
});

/** Every claim right except the ones overridden, signed with `key`. */
async function tokenSignedWith(
  key: CryptoKey,
  overrides: { readonly audience?: string; readonly issuer?: string } = {},
): Promise<string> {
  const userId = newUserId();
  return new SignJWT({ token_use: 'id', 'cognito:username': userId })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(overrides.issuer ?? LOCAL_TOKEN_ISSUER)
    .setAudience(overrides.audience ?? LOCAL_TOKEN_AUDIENCE)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
}

const foreignKey = async (): Promise<CryptoKey> => (await generateKeyPair('ES256')).privateKey;
const ownKey = async (): Promise<CryptoKey> => (await signingKeys()).privateKey;

function unsignedToken(): string {
  const userId = newUserId();
  return new UnsecuredJWT({ token_use: 'id', 'cognito:username': userId })
    .setIssuer(LOCAL_TOKEN_ISSUER)
    .setAudience(LOCAL_TOKEN_AUDIENCE)
    .setSubject(userId)
    .setExpirationTime('1h')
    .encode();
}
