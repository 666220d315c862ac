import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';

/** A user as both clients need it: the token for HTTP, the authorizer's output for in-process calls. */
export interface BenchUser {
  readonly userId: string;
  readonly token: string;
  readonly authorizer: APIGatewayEventRequestContextJWTAuthorizer;
}

export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
}

/** `status` 0 means no HTTP answer at all (connection refused, reset or timed out). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: string;
  /** Client-observed time of the call alone, without building the request. */
  readonly elapsedMs: number;
}

export type ClientMode = 'in-process' | 'http';

export interface ApiClient {
  readonly mode: ClientMode;
  send(user: BenchUser, request: ApiRequest): Promise<ApiAnswer>;
  close(): void;
}
