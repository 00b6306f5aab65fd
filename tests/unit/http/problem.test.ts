import { describe, expect, test } from 'vitest';
import {
  ConcurrentChangeError,
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UnprocessableError,
} from '../../../shared/domain/errors.js';
import {
  MethodNotAllowedError,
  PayloadTooLargeError,
  RouteNotFoundError,
  UnsupportedMediaTypeError,
} from '../../../shared/http/errors.js';
import { toProblem } from '../../../shared/http/problem.js';

/** The one table from errors to RFC 9457 problems, every row. */
describe('the problem table', () => {
  test.each([
    [
      new InvalidRequestError('bad', [{ path: 'name', message: 'required' }]),
      400,
      'invalid-request',
      {},
    ],
    [new UnauthenticatedError('who?'), 401, 'unauthenticated', { 'www-authenticate': 'Bearer' }],
    [new ForbiddenError('no'), 403, 'forbidden', {}],
    [new NotFoundError('gone'), 404, 'not-found', {}],
    [new RouteNotFoundError('no route'), 404, 'not-found', {}],
    [new MethodNotAllowedError(['GET', 'POST']), 405, 'method-not-allowed', { allow: 'GET, POST' }],
    [new ConflictError('signed', { party: 'KAZ' }), 409, 'conflict', {}],
    [new ConcurrentChangeError('raced'), 409, 'conflict', {}],
    [new PreconditionFailedError('stale', 4), 412, 'precondition-failed', { etag: '"4"' }],
    [new PayloadTooLargeError('big'), 413, 'payload-too-large', {}],
    [new UnsupportedMediaTypeError('xml'), 415, 'unsupported-media-type', {}],
    [new UnprocessableError('future', []), 422, 'unprocessable', {}],
    [new ServiceUnavailableError('down', 2), 503, 'service-unavailable', { 'retry-after': '2' }],
  ] as const)('%s → %i %s', (error, status, slug, headers) => {
    const { problem, headers: problemHeaders } = toProblem(error, 'req-1');
    expect(problem).toMatchObject({
      type: `https://signing-tracker.dev/problems/${slug}`,
      status,
      detail: error.message,
      requestId: 'req-1',
    });
    expect(problemHeaders).toEqual(headers);
  });

  test('extensions: field errors, the current state, the current version', () => {
    expect(
      toProblem(new InvalidRequestError('bad', [{ path: 'a', message: 'b' }]), 'r').problem.errors,
    ).toEqual([{ path: 'a', message: 'b' }]);
    expect(toProblem(new ConflictError('signed', { party: 'KAZ' }), 'r').problem.current).toEqual({
      party: 'KAZ',
    });
    expect(toProblem(new PreconditionFailedError('stale', 4), 'r').problem.currentVersion).toBe(4);
  });

  test('anything else is a 500 that reveals nothing', () => {
    const { problem, headers } = toProblem(
      new TypeError('secret table name signing-tracker'),
      'req-2',
    );
    expect(problem).toEqual({
      type: 'https://signing-tracker.dev/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred.',
      requestId: 'req-2',
    });
    expect(headers).toEqual({});
  });
});
