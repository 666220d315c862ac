import type { FunctionSpec, HttpRoute } from '../lib/function-catalog';

export type RoutedFunction = FunctionSpec & { readonly route: HttpRoute };

export interface RouteMatch {
  readonly spec: RoutedFunction;
  /** As API Gateway names it: `GET /orders/{orderId}`. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>>;
}

export type RouteTable = (method: string, rawPath: string) => RouteMatch | undefined;

type Segment = { readonly literal: string } | { readonly parameter: string };

interface CompiledRoute {
  readonly spec: RoutedFunction;
  readonly segments: readonly Segment[];
  readonly literalCount: number;
}

/**
 * Matches requests the way an HTTP API does: method and path must both match, a `{param}` takes
 * exactly one non-empty segment, and when several routes match, the one with more literal
 * segments wins. Anything else is unmatched, which API Gateway answers with 404, even when only the
 * method is wrong.
 */
export function createRouteTable(functions: readonly RoutedFunction[]): RouteTable {
  const routes = functions.map(compile).sort((left, right) => right.literalCount - left.literalCount);
  return (method, rawPath) => {
    const requestSegments = rawPath.split('/').slice(1);
    for (const route of routes) {
      if (route.spec.route.method !== method) continue;
      const pathParameters = matchSegments(route.segments, requestSegments);
      if (pathParameters) {
        return { spec: route.spec, routeKey: `${method} ${route.spec.route.path}`, pathParameters };
      }
    }
    return undefined;
  };
}

function compile(spec: RoutedFunction): CompiledRoute {
  const segments = spec.route.path
    .split('/')
    .slice(1)
    .map((segment): Segment => {
      const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
      return parameter === undefined ? { literal: segment } : { parameter };
    });
  return { spec, segments, literalCount: segments.filter((segment) => 'literal' in segment).length };
}

function matchSegments(
  template: readonly Segment[],
  request: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== request.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, segment] of template.entries()) {
    const actual = request[index];
    if (actual === undefined) return undefined;
    if ('literal' in segment) {
      if (segment.literal !== actual) return undefined;
      continue;
    }
    const decoded = decodeSegment(actual);
    if (!decoded) return undefined;
    parameters[segment.parameter] = decoded;
  }
  return parameters;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}
