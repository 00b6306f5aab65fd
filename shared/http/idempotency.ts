import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyUnknownError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { ConflictError, InvalidRequestError, UnprocessableError } from '../domain/errors.js';
import { canonicalJson } from '../domain/hash-chain.js';
import { logger } from './observability.js';
import { jsonBodyOf } from './request-guards.js';

/**
 * `Idempotency-Key` on POSTs, with Powertools' idempotency utility: the first
 * response (status, headers, body) is stored for 25 hours and replayed for a
 * retry of the same request, marked `Idempotent-Replayed: true` and with its
 * own `x-request-id`; while the first is still running, 409 with
 * `Retry-After`.
 *
 * A key belongs to its caller (the token's `sub`): two callers never share
 * one. The request it stands for is the route, the path and the body in its
 * RFC 8785 canonical form, so key order and whitespace do not matter; the
 * same caller's key with any other route, path or body is 422, never a
 * second write.
 *
 * Only successful responses are stored: a request that failed wrote nothing,
 * so its retry runs again.
 */

const MAX_KEY_LENGTH = 255;
const RECORD_TTL_SECONDS = 25 * 3600;
/** How soon a client should retry while the first request is still in flight. */
const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

const appliesTo = (event: APIGatewayProxyEventV2) =>
  event.requestContext.http.method === 'POST' && event.headers['idempotency-key'] !== undefined;

/** Turns an error of the persistence layer's storage into a domain error (503 and the like). */
export type StorageErrorTranslator = (error: unknown) => Error;

function translate(error: unknown, storageError: StorageErrorTranslator): Error {
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new ConflictError(
      'A request with this Idempotency-Key is still in progress; retry it shortly.',
      {},
      { retryAfterSeconds: IN_FLIGHT_RETRY_AFTER_SECONDS },
    );
  }
  if (error instanceof IdempotencyValidationError) {
    return new UnprocessableError('This Idempotency-Key was already used for another request.', [
      { path: 'Idempotency-Key', message: 'use a new key for a different request' },
    ]);
  }
  // The utility wraps a failure of its storage; the cause says what failed.
  const cause = error instanceof IdempotencyUnknownError ? error.cause : undefined;
  return storageError(cause ?? error);
}

export function idempotentPosts(
  persistenceStore: BasePersistenceLayer,
  storageError: StorageErrorTranslator,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const powertools = makeHandlerIdempotent({
    persistenceStore,
    keyPrefix: 'signing-tracker',
    config: new IdempotencyConfig({
      eventKeyJmesPath: '[idempotency.caller, idempotency.key]',
      payloadValidationJmesPath: 'idempotency.request',
      expiresAfterSeconds: RECORD_TTL_SECONDS,
    }),
  });
  // Requests that hold the in-progress record. Only they may release it: Middy
  // runs onError also when `before` refused a request because another one holds
  // the key, and releasing it then would let a third request run concurrently.
  // Works around the utility deleting records it never acquired (fixed upstream
  // after 2.35.0: https://github.com/aws-powertools/powertools-lambda-typescript/issues/5675,
  // and its onError failing when its `before` never ran:
  // https://github.com/aws-powertools/powertools-lambda-typescript/issues/4634).
  const holders = new WeakSet<object>();
  return {
    before: async (request) => {
      if (!appliesTo(request.event)) return;
      const key = request.event.headers['idempotency-key'] ?? '';
      if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
        throw new InvalidRequestError('The Idempotency-Key header is not valid.', [
          { path: 'Idempotency-Key', message: `must be 1 to ${MAX_KEY_LENGTH} characters` },
        ]);
      }
      // What the key stands for, beside the event Powertools reads (the record
      // handler stays on the shared `internal`, so after/onError find it).
      const { event } = request;
      const scoped = {
        ...request,
        event: {
          ...event,
          idempotency: {
            caller: (event as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer
              ?.jwt?.claims?.sub,
            key,
            request: [event.routeKey, event.rawPath, canonicalJson(jsonBodyOf(event))],
          },
        },
      };
      let replay: APIGatewayProxyStructuredResultV2 | undefined;
      try {
        replay = (await powertools.before?.(scoped as never)) as typeof replay;
      } catch (error) {
        throw translate(error, storageError);
      }
      if (replay === undefined) {
        holders.add(request);
        return undefined;
      }
      return {
        ...replay,
        headers: {
          ...replay.headers,
          'x-request-id': event.requestContext.requestId,
          'idempotent-replayed': 'true',
        },
      };
    },
    after: async (request) => {
      if (!holders.has(request)) return;
      try {
        await powertools.after?.(request as never);
      } catch (error) {
        // The change itself is committed; failing now would invite a retry that
        // the domain refuses anyway. Keep the success, note the lost record.
        logger.warn('Could not store the idempotent response', { error: error as Error });
      }
    },
    onError: async (request) => {
      if (!holders.has(request)) return;
      try {
        await powertools.onError?.(request as never);
      } catch (error) {
        logger.warn('Could not release the idempotency record', { error: error as Error });
      }
    },
  };
}
