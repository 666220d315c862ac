import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const OPENAPI_FILE = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace';
const HTTP_METHODS: readonly HttpMethod[] = [
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
  'trace',
];

export interface Reference {
  readonly $ref: string;
}
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface HeaderObject {
  readonly description?: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
export interface MediaTypeObject {
  readonly schema?: JsonSchema;
}
export interface ResponseObject {
  readonly description: string;
  readonly headers?: Readonly<Record<string, HeaderObject | Reference>>;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}
export interface ParameterObject {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
export interface RequestBodyObject {
  readonly required?: boolean;
  readonly content: Readonly<Record<string, MediaTypeObject>>;
}
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;
export interface OperationObject {
  readonly operationId?: string;
  readonly parameters?: readonly (ParameterObject | Reference)[];
  readonly requestBody?: RequestBodyObject | Reference;
  readonly responses: Readonly<Record<string, ResponseObject | Reference>>;
  readonly security?: readonly SecurityRequirement[];
}
export type PathItemObject = Readonly<Partial<Record<HttpMethod, OperationObject>>>;
export interface OpenApiDocument {
  readonly openapi: string;
  readonly servers?: readonly {
    readonly url: string;
    readonly variables?: Record<string, { default: string }>;
  }[];
  readonly security?: readonly SecurityRequirement[];
  readonly paths: Readonly<Record<string, PathItemObject>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly responses: Readonly<Record<string, ResponseObject>>;
    readonly parameters: Readonly<Record<string, ParameterObject>>;
    readonly headers: Readonly<Record<string, HeaderObject>>;
    readonly securitySchemes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
}

/** What a test got back; `ApiResponse` from local-api.ts fits it. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface Operation {
  readonly method: HttpMethod;
  /** The path template as openapi.yaml writes it: `/orders/{orderId}`. */
  readonly path: string;
  readonly operation: OperationObject;
}

const isReference = (value: unknown): value is Reference =>
  typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';

const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');
const unescapePointer = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * openapi.yaml, loaded once, with one Ajv 2020-12 instance holding the whole document, so a schema
 * compiled from anywhere in it resolves its `#/components/...` references against the same file.
 */
export class OpenApiSpec {
  readonly document: OpenApiDocument;
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private static readonly DOCUMENT_ID = 'https://lockstep.local/openapi.yaml';

  constructor(text: string) {
    const document: unknown = parse(text);
    if (typeof document !== 'object' || document === null || !('openapi' in document)) {
      throw new Error('openapi.yaml is not an OpenAPI document.');
    }
    this.document = document as OpenApiDocument;
    // Strict, so that a keyword misspelt in openapi.yaml fails here instead of silently checking nothing.
    this.ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true, multipleOfPrecision: 9 });
    addFormats(this.ajv);
    // The document's own fields, and the OpenAPI vocabulary that may appear inside its schemas.
    this.ajv.addVocabulary([
      'openapi',
      'info',
      'jsonSchemaDialect',
      'servers',
      'paths',
      'webhooks',
      'components',
      'security',
      'tags',
      'externalDocs',
      'example',
      'discriminator',
      'xml',
    ]);
    this.ajv.addSchema({ ...this.document, $id: OpenApiSpec.DOCUMENT_ID });
  }

  static load(file = OPENAPI_FILE): OpenApiSpec {
    return new OpenApiSpec(readFileSync(file, 'utf8'));
  }

  operations(): Operation[] {
    return Object.entries(this.document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.flatMap((method) => {
        const operation = item[method];
        return operation ? [{ method, path, operation }] : [];
      }),
    );
  }

  operation(method: string, path: string): Operation | undefined {
    const wanted = method.toLowerCase();
    return this.operations().find((candidate) => candidate.method === wanted && candidate.path === path);
  }

  /**
   * The operation a concrete request path reaches, matched the way API Gateway matches: a `{param}`
   * takes one non-empty segment and more literal segments win.
   */
  match(method: string, requestPath: string): Operation | undefined {
    const path = requestPath.split('?')[0] ?? '';
    const wanted = method.toLowerCase();
    const literals = (template: string) => template.split('/').filter((s) => !s.startsWith('{')).length;
    return this.operations()
      .filter((candidate) => candidate.method === wanted && templatePattern(candidate.path).test(path))
      .sort((left, right) => literals(right.path) - literals(left.path))[0];
  }

  /** Follows `$ref`s within openapi.yaml until it reaches the object they point at. */
  deref<T>(value: T | Reference): T {
    let current: unknown = value;
    for (let hops = 0; isReference(current); hops++) {
      if (hops > 20 || !current.$ref.startsWith('#/')) throw new Error(`Cannot follow $ref ${current.$ref}.`);
      current = this.pointer(current.$ref);
    }
    return current as T;
  }

  parameters(operation: OperationObject): ParameterObject[] {
    return (operation.parameters ?? []).map((parameter) => this.deref(parameter));
  }

  /** The documented responses of an operation, by status text ("201", "4XX", "default"). */
  responses(operation: OperationObject): Record<string, ResponseObject> {
    return Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [status, this.deref(response)]),
    );
  }

  /**
   * Everything that makes `response` differ from what `method requestPath` documents: its status,
   * its headers and its JSON body. Empty when it matches. A path no operation matches is held to
   * `components.responses.NotFound`, which is what the contract promises for an unknown route.
   */
  responseProblems(method: string, requestPath: string, response: ObservedResponse): string[] {
    const found = this.match(method, requestPath);
    if (!found) {
      const pointer = '#/components/responses/NotFound';
      if (response.status !== 404) {
        return [
          `${method} ${requestPath} matches no route in openapi.yaml, so it must be 404, not ${response.status}.`,
        ];
      }
      return this.problemsAgainst(pointer, this.deref<ResponseObject>({ $ref: pointer }), response);
    }
    const where = `${found.method.toUpperCase()} ${found.path}`;
    const documented = Object.keys(found.operation.responses);
    const status = documentedStatus(documented, response.status);
    if (status === undefined) {
      return [`${where} does not document status ${response.status}; it documents ${documented.join(', ')}.`];
    }
    const pointer = `#/paths/${escapePointer(found.path)}/${found.method}/responses/${status}`;
    return this.problemsAgainst(pointer, this.responses(found.operation)[status], response).map(
      (problem) => `${where} → ${response.status}: ${problem}`,
    );
  }

  /** Ajv's complaints about `value` against the schema at a JSON pointer into openapi.yaml. */
  schemaProblems(pointer: string, value: unknown): string[] {
    const validate = this.validator(pointer);
    if (validate(value)) return [];
    return formatErrors(validate.errors ?? [], value);
  }

  /** The JSON-body schema of an operation's request, for checking example bodies. */
  requestBodyPointer(method: string, path: string): string {
    const found = this.operation(method, path);
    if (!found?.operation.requestBody) throw new Error(`${method} ${path} documents no request body.`);
    const base = `#/paths/${escapePointer(path)}/${found.method}/requestBody`;
    const body = found.operation.requestBody;
    const resolved = isReference(body) ? body.$ref : base;
    return `${resolved}/content/${escapePointer('application/json')}/schema`;
  }

  private problemsAgainst(
    pointer: string,
    documented: ResponseObject | undefined,
    response: ObservedResponse,
  ) {
    if (!documented) return [`openapi.yaml has nothing at ${pointer}.`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      problems.push(...this.headerProblems(pointer, name, this.deref(header), response.headers));
    }
    const content = documented.content ?? {};
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length === 0) {
      if (response.text !== '') problems.push(`a body was sent but none is documented: ${response.text}`);
      return problems;
    }
    const contentType = response.headers.get('content-type') ?? '';
    const mediaType = mediaTypes.find((type) => contentType.split(';')[0]?.trim().toLowerCase() === type);
    if (!mediaType) {
      problems.push(`content-type is "${contentType}", expected one of ${mediaTypes.join(', ')}.`);
      return problems;
    }
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      problems.push(`the body is not JSON: ${response.text.slice(0, 500)}`);
      return problems;
    }
    const schemaPointer = `${resolvedPointer(this, pointer)}/content/${escapePointer(mediaType)}/schema`;
    problems.push(...this.schemaProblems(schemaPointer, body).map((problem) => `body ${problem}`));
    return problems;
  }

  private headerProblems(pointer: string, name: string, header: HeaderObject, headers: Headers): string[] {
    const value = headers.get(name);
    if (value === null) return header.required ? [`header ${name} is required but missing.`] : [];
    if (!header.schema) return [];
    const headerPointer = `${resolvedPointer(this, pointer)}/headers/${escapePointer(name)}`;
    const schemaPointer = `${resolvedPointer(this, headerPointer)}/schema`;
    return this.schemaProblems(schemaPointer, coerceHeader(value, header.schema)).map(
      (problem) => `header ${name}: "${value}" ${problem}`,
    );
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${OpenApiSpec.DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  private pointer(ref: string): unknown {
    let current: unknown = this.document;
    for (const segment of ref.slice(2).split('/').map(unescapePointer)) {
      if (typeof current !== 'object' || current === null || !(segment in current)) {
        throw new Error(`openapi.yaml has nothing at ${ref}.`);
      }
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  }
}

/** Where a pointer really leads once every `$ref` found there is followed. */
function resolvedPointer(spec: OpenApiSpec, pointer: string): string {
  let current = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const raw = rawAt(spec.document, current);
    if (!isReference(raw)) return current;
    current = raw.$ref;
  }
  throw new Error(`Too many $ref hops from ${pointer}.`);
}

function rawAt(document: OpenApiDocument, pointer: string): unknown {
  let current: unknown = document;
  for (const segment of pointer.slice(2).split('/').map(unescapePointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function templatePattern(template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) =>
      /^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

/** An exact status wins over its range ("4XX"), which wins over "default". */
function documentedStatus(documented: readonly string[], status: number): string | undefined {
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return [exact, range, 'default'].find((candidate) => documented.includes(candidate));
}

/** Header values are text; a header whose schema is numeric or boolean is compared as such. */
function coerceHeader(value: string, schema: JsonSchema): unknown {
  if ((schema.type === 'integer' || schema.type === 'number') && /^-?[0-9]+(\.[0-9]+)?$/.test(value)) {
    return Number(value);
  }
  if (schema.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function valueAt(value: unknown, instancePath: string): unknown {
  let current = value;
  for (const segment of instancePath.split('/').slice(1).map(unescapePointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * One line per Ajv error: where in the value, what was expected, and what was there. if/then and
 * allOf wrappers only repeat what the errors under them say, so they are left out.
 */
function formatErrors(errors: readonly ErrorObject[], value: unknown): string[] {
  const lines = errors
    .filter((error) => error.keyword !== 'if' && error.keyword !== 'allOf')
    .map((error) => {
      const at = error.instancePath === '' ? '(root)' : error.instancePath;
      const detail =
        error.keyword === 'additionalProperties'
          ? ` "${String((error.params as { additionalProperty?: unknown }).additionalProperty)}"`
          : error.keyword === 'enum' || error.keyword === 'const'
            ? ` ${JSON.stringify(error.params)}`
            : '';
      const actual = JSON.stringify(valueAt(value, error.instancePath)) ?? 'undefined';
      return `${at} ${error.message ?? error.keyword}${detail}; got ${truncate(actual)} (schema ${error.schemaPath})`;
    });
  return [...new Set(lines)];
}

const truncate = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);
