import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';
import { toAuthorizer } from './authorizer-claims';
import { TokenRejectedError, verifyToken } from './tokens';

export type Authentication =
  | { readonly authorized: true; readonly authorizer: APIGatewayEventRequestContextJWTAuthorizer }
  | { readonly authorized: false; readonly message: string; readonly challenge: string };

const HOW_TO_GET_A_TOKEN = 'Locally, `npm run -s token -- <userId>` prints one.';

/** The JWT authorizer's decision on an `Authorization` header. Only a broken key store throws. */
export async function authenticate(authorization: string | undefined): Promise<Authentication> {
  const token = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (token === undefined) {
    return {
      authorized: false,
      message: `Send the header "Authorization: Bearer <token>". ${HOW_TO_GET_A_TOKEN}`,
      challenge: 'Bearer',
    };
  }
  try {
    return { authorized: true, authorizer: toAuthorizer(await verifyToken(token)) };
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error;
    return {
      authorized: false,
      message: `The bearer token was refused: ${error.message}. ${HOW_TO_GET_A_TOKEN}`,
      challenge: `Bearer error="invalid_token", error_description="${error.message.replaceAll('"', "'")}"`,
    };
  }
}
