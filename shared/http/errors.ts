/** Errors that only exist at the HTTP boundary; domain errors live in `shared/domain/errors.ts`. */

export class RouteNotFoundError extends Error {
  override name = 'RouteNotFoundError';
}

export class MethodNotAllowedError extends Error {
  override name = 'MethodNotAllowedError';
  constructor(readonly allowed: readonly string[]) {
    super(`This path supports ${allowed.join(', ')}.`);
  }
}

export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}

export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}
