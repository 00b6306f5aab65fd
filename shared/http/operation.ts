import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteContract, RouteInput, RouteSpec } from '../contract/route.js';
import type { Actor } from '../domain/types.js';

/**
 * An operation is one route's handler: validated input in, result out. Its
 * route (`shared/contract/`) says what it takes; the Middy stack
 * (`api-handler.ts`) does everything around it: routing, auth, body guards,
 * JSON parsing, zod validation from the route's schemas, errors and
 * response headers.
 */

export interface OperationRequest<R extends RouteSpec = RouteSpec> extends RouteInput<R> {
  readonly requestId: string;
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The versions `If-Match` accepts, when the client sent one (see `conditional.ts`). */
  readonly ifMatch?: readonly number[];
  readonly event: APIGatewayProxyEventV2;
  /** Who calls; public routes have no actor. */
  readonly actor: R['roles'] extends 'public' ? undefined : Actor;
}

export interface OperationResult {
  readonly status: number;
  /** JSON-serialised unless `binary` is given. */
  readonly body?: unknown;
  readonly binary?: { readonly bytes: Uint8Array; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Operation {
  readonly route: RouteContract;
  run(request: OperationRequest): Promise<OperationResult>;
}

/** The operation of `route`, its request typed from the route's schemas. */
export function defineOperation<R extends RouteContract>(
  route: R,
  run: (request: OperationRequest<R>) => Promise<OperationResult>,
): Operation {
  return { route, run: run as Operation['run'] };
}
