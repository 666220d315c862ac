import { randomUUID } from 'node:crypto';
import { errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { SIGNING_ALGORITHM, signingKeys } from './signing-keys';

/**
 * Local stand-ins for Cognito user-pool ID tokens: same claim names (`sub`, `aud`, `token_use`,
 * `cognito:username`, `cognito:groups`), checked the way the HTTP API's JWT authorizer checks them.
 */
export const LOCAL_TOKEN_ISSUER = 'lockstep-local';
export const LOCAL_TOKEN_AUDIENCE = 'lockstep-local-client';
export const ADMIN_GROUP = 'admin';

const DEFAULT_LIFETIME_SECONDS = 3_600;

/** Safe inside a key like `USER#<id>` and on a command line. */
export const USER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export interface MintTokenOptions {
  readonly admin?: boolean;
  /** Negative values make an already expired token, for tests. */
  readonly expiresInSeconds?: number;
}

export interface LocalTokenClaims extends JWTPayload {
  readonly sub: string;
  readonly token_use: 'id';
  readonly 'cognito:username': string;
  readonly 'cognito:groups'?: string[];
}

/** Why a token was refused, in words fit for the 401 message. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
}

export async function mintToken(userId: string, options: MintTokenOptions = {}): Promise<string> {
  if (!USER_ID_PATTERN.test(userId)) {
    throw new Error(
      `A user id is 1 to 128 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.`,
    );
  }
  const { privateKey, keyId } = await signingKeys();
  const now = Math.floor(Date.now() / 1000);
  const claims: Omit<LocalTokenClaims, 'sub'> = {
    token_use: 'id',
    'cognito:username': userId,
    ...(options.admin ? { 'cognito:groups': [ADMIN_GROUP] } : {}),
    auth_time: now,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: keyId })
    .setIssuer(LOCAL_TOKEN_ISSUER)
    .setAudience(LOCAL_TOKEN_AUDIENCE)
    .setSubject(userId)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS))
    .setJti(randomUUID())
    .sign(privateKey);
}

/** The claims of a token this checkout signed, or a TokenRejectedError saying why not. */
export async function verifyToken(token: string): Promise<LocalTokenClaims> {
  const { publicKey } = await signingKeys();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, publicKey, {
      algorithms: [SIGNING_ALGORITHM],
      issuer: LOCAL_TOKEN_ISSUER,
      audience: LOCAL_TOKEN_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    throw new TokenRejectedError(reasonFor(error));
  }
  if (!isLocalTokenClaims(payload)) throw new TokenRejectedError('the token is not a lockstep ID token');
  return payload;
}

function isLocalTokenClaims(payload: JWTPayload): payload is LocalTokenClaims {
  const groups = payload['cognito:groups'];
  return (
    typeof payload.sub === 'string' &&
    USER_ID_PATTERN.test(payload.sub) &&
    payload.token_use === 'id' &&
    payload['cognito:username'] === payload.sub &&
    (groups === undefined || (Array.isArray(groups) && groups.every(isCognitoGroupName)))
  );
}

/**
 * Cognito group names hold no whitespace, which is what lets API Gateway's "[a b]" form of the
 * claim be split back into names; a local token may not carry a name Cognito would refuse.
 */
function isCognitoGroupName(group: unknown): boolean {
  return typeof group === 'string' && /^[^\s]{1,128}$/u.test(group);
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's "${error.claim}" claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token was not signed by this checkout';
  if (error instanceof errors.JOSEAlgNotAllowed) return `the token is not signed with ${SIGNING_ALGORITHM}`;
  return 'the token is malformed';
}
