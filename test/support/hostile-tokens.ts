import { type CryptoKey, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import { signingKeys } from '../../local/signing-keys';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, mintToken } from '../../local/tokens';

/**
 * Forged and broken bearer tokens, all naming `sub` as their subject, so that a verifier that let
 * one through would act on that user's account (and the hostile suite would see the change).
 */
export interface ForgeOptions {
  readonly key?: CryptoKey;
  readonly issuer?: string;
  readonly audience?: string;
  readonly claims?: JWTPayload;
  readonly withoutExpiry?: boolean;
  readonly notBefore?: number;
  readonly subject?: string | null;
}

const ownKey = async (): Promise<CryptoKey> => (await signingKeys()).privateKey;
const foreignKey = async (): Promise<CryptoKey> => (await generateKeyPair('ES256')).privateKey;

/** A token like the local ones, with the given claim or key wrong. */
export async function forgeToken(sub: string, options: ForgeOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = { token_use: 'id', 'cognito:username': sub, ...options.claims };
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(options.issuer ?? LOCAL_TOKEN_ISSUER)
    .setAudience(options.audience ?? LOCAL_TOKEN_AUDIENCE)
    .setIssuedAt(now);
  const subject = options.subject === undefined ? sub : options.subject;
  if (subject !== null) jwt = jwt.setSubject(subject);
  if (!options.withoutExpiry) jwt = jwt.setExpirationTime(now + 3600);
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
  return jwt.sign(options.key ?? (await ownKey()));
}

export interface HostileTokens {
  readonly expired: string;
  readonly otherKey: string;
  readonly otherKeyAdmin: string;
  readonly algNone: string;
  readonly hs256: string;
  readonly wrongAudience: string;
  readonly wrongIssuer: string;
  readonly noSubject: string;
  readonly noExpiry: string;
  readonly accessToken: string;
  readonly notYetValid: string;
  readonly usernameMismatch: string;
  readonly subjectWithHash: string;
  readonly flippedSignature: string;
  readonly swappedPayload: string;
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** Every kind of refused token, for `sub`; `other` is a second user whose valid token is cut up. */
export async function hostileTokens(sub: string, other: string): Promise<HostileTokens> {
  const valid = await mintToken(sub);
  const [header = '', payload = '', signature = ''] = valid.split('.');
  // A character in the middle: the last one of an ES256 signature partly encodes padding bits only.
  const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
  const otherValid = await mintToken(other);
  const otherPayload = JSON.parse(Buffer.from(otherValid.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const now = Math.floor(Date.now() / 1000);
  return {
    expired: await mintToken(sub, { expiresInSeconds: -120 }),
    otherKey: await forgeToken(sub, { key: await foreignKey() }),
    otherKeyAdmin: await forgeToken(sub, {
      key: await foreignKey(),
      claims: { 'cognito:groups': ['admin'] },
    }),
    algNone: new UnsecuredJWT({ token_use: 'id', 'cognito:username': sub, 'cognito:groups': ['admin'] })
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setSubject(sub)
      .setExpirationTime(now + 3600)
      .encode(),
    hs256: await new SignJWT({ token_use: 'id', 'cognito:username': sub })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setSubject(sub)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode('a-shared-secret-that-is-at-least-32-bytes')),
    wrongAudience: await forgeToken(sub, { audience: 'someone-elses-client' }),
    wrongIssuer: await forgeToken(sub, { issuer: 'https://cognito-idp.example.com/pool' }),
    noSubject: await forgeToken(sub, { subject: null }),
    noExpiry: await forgeToken(sub, { withoutExpiry: true }),
    accessToken: await forgeToken(sub, { claims: { token_use: 'access' } }),
    notYetValid: await forgeToken(sub, { notBefore: now + 3600 }),
    usernameMismatch: await forgeToken(sub, { claims: { 'cognito:username': other } }),
    subjectWithHash: await forgeToken(`${sub}#BALANCE`, { claims: { 'cognito:username': `${sub}#BALANCE` } }),
    flippedSignature: `${header}.${payload}.${flipped}`,
    // The victim's header and signature around a payload that names someone else (or vice versa).
    swappedPayload: `${header}.${base64url(JSON.stringify({ ...otherPayload, sub, 'cognito:username': sub }))}.${signature}`,
  };
}
