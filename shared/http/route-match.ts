import type { HttpMethod, RouteDefinition } from '../../functions/routes.js';

/**
 * Matches a request path against route templates the way API Gateway does:
 * `{name}` matches one non-empty path segment, and a GET route answers HEAD
 * too (as its HEAD route does in AWS). Used by the local server to
 * pick a route, and by the `$default` route to tell 404 from 405.
 */

export type RouteMatch =
  | {
      readonly kind: 'route';
      readonly route: RouteDefinition;
      readonly pathParameters: Record<string, string>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly AnsweredMethod[] }
  | { readonly kind: 'not-found' };

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const compiled = new WeakMap<readonly RouteDefinition[], readonly CompiledRoute[]>();

function compile(routes: readonly RouteDefinition[]): readonly CompiledRoute[] {
  let result = compiled.get(routes);
  if (!result) {
    result = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          const parameter = /^\{(\w+)\}$/.exec(segment);
          if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(parameter[1]!);
          return '([^/]+)';
        })
        .join('/');
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
    compiled.set(routes, result);
  }
  return result;
}

/**
 * The methods a route answers: its own, and HEAD for a GET route (the same
 * status and headers without a body, RFC 9110 §9.3.2).
 */
export function answeredMethods(route: Pick<RouteDefinition, 'method'>): readonly AnsweredMethod[] {
  return route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
}

export type AnsweredMethod = HttpMethod | 'HEAD';

export function matchRoute(
  routes: readonly RouteDefinition[],
  method: string,
  path: string,
): RouteMatch {
  const allowed: AnsweredMethod[] = [];
  for (const { route, pattern, names } of compile(routes)) {
    const match = pattern.exec(path);
    if (!match) continue;
    const methods = answeredMethods(route);
    if (!methods.includes(method as AnsweredMethod)) {
      allowed.push(...methods);
      continue;
    }
    const pathParameters: Record<string, string> = {};
    try {
      names.forEach((name, index) => {
        pathParameters[name] = decodeURIComponent(match[index + 1]!);
      });
    } catch {
      // A malformed %-escape names no resource.
      return { kind: 'not-found' };
    }
    return { kind: 'route', route, pathParameters };
  }
  return allowed.length > 0
    ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)].sort() }
    : { kind: 'not-found' };
}

export const routeKeyOf = (route: { readonly method: string; readonly path: string }) =>
  `${route.method} ${route.path}`;

/** The API Gateway route keys of a route: a GET route has a HEAD route too. */
export const routeKeysOf = (route: Pick<RouteDefinition, 'method' | 'path'>) =>
  answeredMethods(route).map((method) => routeKeyOf({ method, path: route.path }));
