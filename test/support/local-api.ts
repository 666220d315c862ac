import { startLocalStack } from '../../local/stack';
import type { LocalStackExtension } from '../../local/stack-extension';
import { type MintTokenOptions, mintToken } from '../../local/tokens';
import { testDynamoDb } from './test-dynamodb';

export interface ApiRequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** A string is sent as it is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed body; undefined when the body is empty. */
  readonly json: T;
  readonly text: string;
}

export interface TestApi {
  readonly url: string;
  stop(): Promise<void>;
  tokenFor(userId: string, options?: MintTokenOptions): Promise<string>;
  /** `T` only names the shape the test expects; nothing checks it. */
  request<T = unknown>(method: string, path: string, options?: ApiRequestOptions): Promise<ApiResponse<T>>;
}

/**
 * The local API on a free port, served against the run's shared DynamoDB Local: no second java.
 * `extensions` replaces the local stack's background parts, for a test that stops one (the reaper).
 */
export async function startTestApi(
  options: { extensions?: readonly LocalStackExtension[] } = {},
): Promise<TestApi> {
  const { endpoint } = testDynamoDb();
  const stack = await startLocalStack({
    port: 0,
    dynamodbEndpoint: endpoint,
    extensions: options.extensions,
  });
  return {
    url: stack.url,
    stop: () => stack.stop(),
    tokenFor: (userId, options) => mintToken(userId, options),
    request: (method, path, options) => send(stack.url, method, path, options),
  };
}

async function send<T>(baseUrl: string, method: string, path: string, options: ApiRequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (typeof options.body === 'string') {
    body = options.body;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(new URL(path, baseUrl), { method, headers, body });
  const text = await response.text();
  const json = (text === '' ? undefined : JSON.parse(text)) as T;
  return { status: response.status, headers: response.headers, json, text } satisfies ApiResponse<T>;
}
