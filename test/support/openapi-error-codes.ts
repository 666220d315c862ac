import type { ObservedResponse, OpenApiSpec } from './openapi-validator';

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ObservedResponse {
  return {
    status,
    headers: new Headers({ 'content-type': 'application/json', ...headers }),
    text: JSON.stringify(body),
  };
}

export const errorBody = (code: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: 'A sentence a person can act on.', requestId: 'req-1' },
  ...extra,
});

/** Headers every error of that status needs, so a body is judged on its own merits. */
export const headersFor = (status: number): Record<string, string> =>
  status === 503 || status === 409 ? { 'retry-after': '1' } : {};

/**
 * The codes among `candidates` that openapi.yaml lets `method path` answer with `status`, found by
 * validating an error body of each code rather than by reading the YAML's enums, so that any way
 * of writing the schema is judged by what it accepts.
 */
export function acceptedErrorCodes(
  spec: OpenApiSpec,
  method: string,
  path: string,
  status: number,
  candidates: readonly string[],
): string[] {
  return candidates.filter(
    (code) =>
      spec.responseProblems(method, path, jsonResponse(status, errorBody(code), headersFor(status)))
        .length === 0,
  );
}
