import {
  ConcurrentChangeError,
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  SummaryTooLargeError,
  UnauthenticatedError,
  UnprocessableError,
} from '../domain/errors.js';
import { IntegrityError } from '../domain/record-integrity.js';
import { versionEtag } from './conditional.js';
import {
  MethodNotAllowedError,
  PayloadTooLargeError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
} from './errors.js';

/**
 * The one table from errors to RFC 9457 problem responses. Anything not in
 * it is an internal error: logged in full, answered with a generic 500 that
 * reveals nothing.
 */

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly requestId: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
  readonly [extension: string]: unknown;
}

export interface ProblemResponse {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
}

type ErrorClass = abstract new (...args: never[]) => Error;

interface ProblemKind {
  readonly status: number;
  readonly slug: string;
  readonly title: string;
}

const PROBLEM_BASE = 'https://signing-tracker.dev/problems/';

const table: readonly (readonly [ErrorClass, ProblemKind])[] = [
  [
    InvalidRequestError,
    { status: 400, slug: 'invalid-request', title: 'The request is not valid' },
  ],
  [
    UnauthenticatedError,
    { status: 401, slug: 'unauthenticated', title: 'Authentication required' },
  ],
  [ForbiddenError, { status: 403, slug: 'forbidden', title: 'Not allowed' }],
  [NotFoundError, { status: 404, slug: 'not-found', title: 'Not found' }],
  [RouteNotFoundError, { status: 404, slug: 'not-found', title: 'Not found' }],
  [MethodNotAllowedError, { status: 405, slug: 'method-not-allowed', title: 'Method not allowed' }],
  [ConflictError, { status: 409, slug: 'conflict', title: 'Conflict with the current state' }],
  [
    ConcurrentChangeError,
    { status: 409, slug: 'conflict', title: 'Conflict with the current state' },
  ],
  [
    PreconditionFailedError,
    { status: 412, slug: 'precondition-failed', title: 'The resource has changed' },
  ],
  [
    PayloadTooLargeError,
    { status: 413, slug: 'payload-too-large', title: 'Request body too large' },
  ],
  [
    UnsupportedMediaTypeError,
    { status: 415, slug: 'unsupported-media-type', title: 'Unsupported media type' },
  ],
  [
    UnprocessableError,
    { status: 422, slug: 'unprocessable', title: 'The request cannot be applied' },
  ],
  [
    SummaryTooLargeError,
    { status: 422, slug: 'summary-too-large', title: 'The summary is too large to render' },
  ],
  [
    IntegrityError,
    {
      status: 500,
      slug: 'integrity-failure',
      title: 'The record does not match its audit chain',
    },
  ],
  [
    ServiceUnavailableError,
    { status: 503, slug: 'service-unavailable', title: 'Service temporarily unavailable' },
  ],
];

const internal: ProblemKind = { status: 500, slug: 'internal', title: 'Internal error' };

export function problemKindOf(error: unknown): ProblemKind | undefined {
  return table.find(([type]) => error instanceof type)?.[1];
}

function extensionsOf(error: unknown): {
  fields: Record<string, unknown>;
  headers: Record<string, string>;
} {
  if (error instanceof InvalidRequestError || error instanceof UnprocessableError) {
    return { fields: error.errors.length > 0 ? { errors: error.errors } : {}, headers: {} };
  }
  if (error instanceof ConflictError) {
    const { currentVersion, retryAfterSeconds } = error;
    return {
      fields: {
        current: error.current,
        ...(currentVersion !== undefined && { currentVersion }),
      },
      headers: {
        ...(currentVersion !== undefined && { etag: versionEtag(currentVersion) }),
        ...(retryAfterSeconds !== undefined && { 'retry-after': String(retryAfterSeconds) }),
      },
    };
  }
  if (error instanceof PreconditionFailedError) {
    return {
      fields: { currentVersion: error.currentVersion },
      headers: { etag: versionEtag(error.currentVersion) },
    };
  }
  if (error instanceof MethodNotAllowedError)
    return { fields: {}, headers: { allow: error.allowed.join(', ') } };
  if (error instanceof UnauthenticatedError)
    return { fields: {}, headers: { 'www-authenticate': 'Bearer' } };
  if (error instanceof SummaryTooLargeError) return { fields: { ...error.details }, headers: {} };
  if (error instanceof ServiceUnavailableError) {
    return { fields: {}, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  return { fields: {}, headers: {} };
}

export function toProblem(error: unknown, requestId: string): ProblemResponse {
  const kind = problemKindOf(error);
  if (!kind) {
    return {
      problem: {
        type: PROBLEM_BASE + internal.slug,
        title: internal.title,
        status: 500,
        detail: 'An unexpected error occurred.',
        requestId,
      },
      headers: {},
    };
  }
  const { fields, headers } = extensionsOf(error);
  return {
    problem: {
      type: PROBLEM_BASE + kind.slug,
      title: kind.title,
      status: kind.status,
      detail: (error as Error).message,
      requestId,
      ...fields,
    },
    headers,
  };
}
