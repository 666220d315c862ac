import { DEFAULT_PORT } from './http-server';

/** The local API that the command-line helpers talk to: `API` if set, else the default port of `npm start`. */
export function localApiUrl(): string {
  return process.env.API || `http://127.0.0.1:${process.env.PORT || DEFAULT_PORT}`;
}

export class ApiUnreachableError extends Error {}

export interface LocalApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** One call as a user with `token`; a server that does not answer is named as such, with what to do. */
export async function callLocalApi(
  apiUrl: string,
  token: string,
  request: {
    readonly method: string;
    readonly path: string;
    readonly body?: unknown;
    readonly idempotencyKey?: string;
  },
): Promise<LocalApiAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey !== undefined) headers['idempotency-key'] = request.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(new URL(request.path, apiUrl), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch (error) {
    throw new ApiUnreachableError(
      `No API answers at ${apiUrl} (${(error as Error).message}); start it with npm start or npm run dev.`,
    );
  }
  return { status: response.status, headers: response.headers, text: await response.text() };
}
