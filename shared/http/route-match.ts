import { type AnsweredMethod, answeredMethods, type RouteContract } from '../contract/route.js';

/**
 * Matches a request path against route templates the way API Gateway does:
 * `{name}` matches one non-empty path segment, and a GET route answers HEAD
 * too (as its HEAD route does in AWS). Used by the local server to
 * pick a route, and by the `$default` route to tell 404 from 405.
 */

export type RouteMatch =
  | {
      readonly kind: 'route';
      readonly route: RouteContract;
      readonly pathParameters: Record<string, string>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly AnsweredMethod[] }
  | { readonly kind: 'not-found' };

interface CompiledRoute {
  readonly route: RouteContract;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const compiled = new WeakMap<readonly RouteContract[], readonly CompiledRoute[]>();

function compile(routes: readonly RouteContract[]): readonly CompiledRoute[] {
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

export function matchRoute(
  routes: readonly RouteContract[],
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
