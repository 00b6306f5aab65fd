import type { z } from 'zod';
import { ROLES, type Role } from '../domain/types.js';
import type { ResponseSchemaName } from '../schemas/responses.js';

/**
 * What one route of the API is: the contract every layer reads instead of
 * keeping its own copy. The Middy stack routes, authorises and validates
 * with it, the local server matches requests with it, the CDK stack makes
 * API Gateway routes and grants from it, and the OpenAPI builder documents
 * it. Entries are plain data plus the zod request schemas; response bodies
 * are named (`ResponseSchemaName`), so no Lambda bundle builds the response
 * schemas it never parses with.
 */

/** Lambda functions, one per concern, each with only the table access it needs. */
export type FunctionName = 'public' | 'reads' | 'writes' | 'audit' | 'pdf' | 'verify' | 'sealCheck';

export type HttpMethod = 'GET' | 'POST';

/** Who may call a route: roles (a caller acts in the first it holds, in this order), or no token. */
export type Access = readonly Role[] | 'public';

export const EVERYONE: readonly Role[] = ROLES;
export const SECRETARIAT: readonly Role[] = ['secretariat'];
/** Everyone who may read across parties (the audit trail). */
export const READERS: readonly Role[] = ['secretariat', 'auditor'];

/** OpenAPI tags, in the order the documentation shows them. */
export const TAGS = [
  { name: 'Conferences', description: 'Summits and the parties attending them' },
  { name: 'Agreements', description: 'Documents to be signed, e.g. a Protocol of Intent' },
  { name: 'Signatories', description: 'Signatures, declines and withdrawals' },
  { name: 'Ceremonies', description: 'Signing ceremonies covering one or more agreements' },
  {
    name: 'Acts',
    description:
      'Acts after signature (ratification, accession, reservations, denunciation, …), the status chart and depositary notifications',
  },
  { name: 'PDF summaries', description: 'Printable, byte-stable summaries' },
  { name: 'Audit', description: 'Tamper-evident history, its verification and the audit query' },
  {
    name: 'Verification',
    description:
      'Anyone may check a summary: by its verification code, or by uploading it (no token needed)',
  },
  { name: 'Service', description: 'Health and this documentation (no token needed)' },
] as const;
export type Tag = (typeof TAGS)[number]['name'];

/** Statuses of problem responses. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 500 | 503;

export type ResponseHeader =
  | 'ETag'
  | 'Location'
  | 'Idempotent-Replayed'
  | 'Cache-Control'
  | 'Content-Disposition'
  | 'Content-Encoding'
  | 'Vary'
  | 'X-Chain-Head-Seq'
  | 'X-Chain-Head-Hash';

export type JsonSchema = Readonly<Record<string, unknown>>;

/** A body: a response schema by component name, or a plain JSON Schema for other media. */
export type Media = ResponseSchemaName | { readonly raw: JsonSchema };
export type { ResponseSchemaName };

/** A body that is not JSON (a PDF, an image). */
export const binary = (mediaType: string): Media => ({
  raw: { type: 'string', format: 'binary', contentMediaType: mediaType },
});

export interface ResponseContract {
  readonly description: string;
  /** Media type → body. Omitted for bodiless responses (304). */
  readonly content?: Readonly<Record<string, Media>>;
  readonly headers?: readonly ResponseHeader[];
}

export interface RequestContract {
  readonly path?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /**
   * A body taken as bytes instead of JSON: only this media type, up to 10 MB
   * (`request-guards.ts`); the operation receives a `Uint8Array`.
   */
  readonly rawBody?: { readonly mediaType: 'application/pdf'; readonly description: string };
  /** The body may be omitted (`open`, `close`). */
  readonly bodyOptional?: boolean;
  /** A valid body (tests parse it with `body`); shown in "Try it out". */
  readonly bodyExample?: unknown;
  /**
   * Path parameters the operation checks itself (no schema, so the function
   * loads no zod at cold start), documented as these JSON Schemas.
   */
  readonly pathParameters?: Readonly<Record<string, JsonSchema>>;
}

/** CloudWatch metrics counted per outcome (one EMF line each, dimension `role`). */
export type MetricName = 'SignaturesRecorded' | 'PdfsRendered';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway route path, `{name}` for path parameters. */
  readonly path: string;
  readonly roles: Access;
  readonly summary: string;
  readonly description?: string;
  readonly tag: Tag;
  readonly request?: RequestContract;
  readonly responses: Readonly<Record<number, ResponseContract>>;
  /**
   * Conditional requests it honours: `ifMatch` refuses a stale write with
   * 412; `ifNoneMatch` answers 304 while the client's ETag is current.
   */
  readonly conditional?: { readonly ifMatch?: boolean; readonly ifNoneMatch?: boolean };
  /** Reads or writes the table, so may answer 503. Default true. */
  readonly storage?: boolean;
  /** Problems beyond those every route of its kind can produce. */
  readonly problems?: readonly ProblemStatus[];
  /** Counted as `name` when it answers `status`. */
  readonly metric?: { readonly name: MetricName; readonly status: number };
}

export interface RouteContract extends RouteSpec {
  /** Stable name: the OpenAPI operationId and the key of its operation in the function. */
  readonly operation: string;
  readonly function: FunctionName;
}

type Routes<F extends FunctionName, T extends Record<string, RouteSpec>> = {
  readonly [K in keyof T & string]: T[K] & { readonly operation: K; readonly function: F };
};

/** One function's routes, keyed by operation name (which each entry then also carries). */
export function defineRoutes<F extends FunctionName, const T extends Record<string, RouteSpec>>(
  functionName: F,
  specs: T,
): Routes<F, T> {
  return Object.fromEntries(
    Object.entries(specs).map(([operation, spec]) => [
      operation,
      { ...spec, operation, function: functionName },
    ]),
  ) as Routes<F, T>;
}

/** A method a route answers: its own, and HEAD for a GET route. */
export type AnsweredMethod = HttpMethod | 'HEAD';

/**
 * The methods a route answers: its own, and HEAD for a GET route (contract
 * 1.1: the same status and headers without a body, RFC 9110 §9.3.2).
 */
export function answeredMethods(route: Pick<RouteSpec, 'method'>): readonly AnsweredMethod[] {
  return route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
}

export const routeKeyOf = (route: { readonly method: string; readonly path: string }) =>
  `${route.method} ${route.path}`;

/** The API Gateway route keys of a route: a GET route has a HEAD route too. */
export const routeKeysOf = (route: Pick<RouteSpec, 'method' | 'path'>) =>
  answeredMethods(route).map((method) => routeKeyOf({ method, path: route.path }));

type Parsed<S> = S extends z.ZodType<infer T> ? T : undefined;
type RequestField<R, K extends keyof RequestContract> = R extends { readonly request: infer Q }
  ? Q extends { readonly [P in K]: infer S }
    ? Parsed<S>
    : undefined
  : undefined;

/** What an operation of `R` receives, typed from the route's schemas. */
export interface RouteInput<R extends RouteSpec> {
  readonly body: R extends { readonly request: { readonly rawBody: object } }
    ? Uint8Array
    : RequestField<R, 'body'>;
  readonly query: RequestField<R, 'query'>;
  readonly path: RequestField<R, 'path'>;
}
