import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyUnknownError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, InvalidRequestError, UnprocessableError } from '../domain/errors.js';
import { logger } from './observability.js';

/**
 * `Idempotency-Key` on POSTs, with Powertools' idempotency utility: the first
 * response (status, headers, body) is stored for 25 hours and replayed for a
 * retry with the same key and body; the same key with another body is 422,
 * and while the first is still running, 409. The key is scoped by route,
 * path and caller, so two clients (or two routes) never share one.
 *
 * Only successful responses are stored: a request that failed wrote nothing,
 * so its retry runs again.
 */

const MAX_KEY_LENGTH = 255;
const RECORD_TTL_SECONDS = 25 * 3600;

const appliesTo = (event: APIGatewayProxyEventV2) =>
  event.requestContext.http.method === 'POST' && event.headers['idempotency-key'] !== undefined;

/** Turns an error of the persistence layer's storage into a domain error (503 and the like). */
export type StorageErrorTranslator = (error: unknown) => Error;

function translate(error: unknown, storageError: StorageErrorTranslator): Error {
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new ConflictError(
      'A request with this Idempotency-Key is still in progress; retry it shortly.',
    );
  }
  if (error instanceof IdempotencyValidationError) {
    return new UnprocessableError('This Idempotency-Key was already used with a different body.', [
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
      eventKeyJmesPath:
        '[routeKey, rawPath, headers."idempotency-key", requestContext.authorizer.jwt.claims.sub]',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: RECORD_TTL_SECONDS,
      responseHook: (response) => {
        const replay = response as APIGatewayProxyStructuredResultV2;
        return { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' } };
      },
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
      let replay: unknown;
      try {
        replay = await powertools.before?.(request as never);
      } catch (error) {
        throw translate(error, storageError);
      }
      if (replay === undefined) holders.add(request);
      return replay;
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
