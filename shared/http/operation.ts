import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Actor } from '../domain/types.js';

/**
 * An operation is one route's handler: validated input in, result out. The
 * Middy stack (`api-handler.ts`) does everything around it: routing, auth,
 * body guards, JSON parsing, zod validation, errors and response headers.
 */

export interface PublicOperationRequest<TBody, TQuery, TPath> {
  readonly body: TBody;
  readonly query: TQuery;
  readonly path: TPath;
  readonly requestId: string;
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The version named by `If-Match`, when the client sent one. */
  readonly ifMatch?: readonly number[];
  readonly event: APIGatewayProxyEventV2;
}

export interface OperationRequest<TBody, TQuery, TPath>
  extends PublicOperationRequest<TBody, TQuery, TPath> {
  readonly actor: Actor;
}

export interface OperationResult {
  readonly status: number;
  /** JSON-serialised unless `binary` is given. */
  readonly body?: unknown;
  readonly binary?: { readonly bytes: Uint8Array; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

interface Schemas<TBody, TQuery, TPath> {
  readonly body?: z.ZodType<TBody>;
  readonly query?: z.ZodType<TQuery>;
  readonly path?: z.ZodType<TPath>;
}

export interface Operation extends Schemas<unknown, unknown, unknown> {
  readonly public: boolean;
  run(
    request:
      | OperationRequest<unknown, unknown, unknown>
      | PublicOperationRequest<unknown, unknown, unknown>,
  ): Promise<OperationResult>;
}

export function defineOperation<TBody = undefined, TQuery = undefined, TPath = undefined>(
  spec: Schemas<TBody, TQuery, TPath> & {
    run(request: OperationRequest<TBody, TQuery, TPath>): Promise<OperationResult>;
  },
): Operation {
  return { ...spec, public: false } as Operation;
}

export function definePublicOperation<
  TQuery = undefined,
  TPath = undefined,
  TBody = undefined,
>(spec: {
  readonly query?: z.ZodType<TQuery>;
  readonly path?: z.ZodType<TPath>;
  run(request: PublicOperationRequest<TBody, TQuery, TPath>): Promise<OperationResult>;
}): Operation {
  return { ...spec, public: true } as Operation;
}
