/**
 * Domain errors. Each names what went wrong in the domain's terms; the one
 * place that maps them to HTTP statuses is `shared/http/problem.ts`.
 */

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request is not well-formed: bad JSON, schema violations, bad query or cursor. */
export class InvalidRequestError extends DomainError {
  constructor(
    message: string,
    readonly errors: readonly FieldIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** No usable credentials. */
export class UnauthenticatedError extends DomainError {}

/** Credentials are fine but the role or party may not do this. */
export class ForbiddenError extends DomainError {}

export class NotFoundError extends DomainError {}

export interface ConflictOptions extends ErrorOptions {
  /** The version of the record as it stands, for the client's next `If-Match`. */
  readonly currentVersion?: number;
  /** The conflict is transient (a request still in flight): retry after this long. */
  readonly retryAfterSeconds?: number;
}

/** The current state does not allow the change; `current` tells the client what it is. */
export class ConflictError extends DomainError {
  readonly currentVersion?: number;
  readonly retryAfterSeconds?: number;

  constructor(
    message: string,
    readonly current: Readonly<Record<string, unknown>> = {},
    { currentVersion, retryAfterSeconds, ...options }: ConflictOptions = {},
  ) {
    super(message, options);
    if (currentVersion !== undefined) this.currentVersion = currentVersion;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Someone else changed the record between our read and our conditional
 * write. Retryable: the use case re-reads and decides again.
 */
export class ConcurrentChangeError extends DomainError {}

/** `If-Match` named a version that is no longer current. */
export class PreconditionFailedError extends DomainError {
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
  }
}

/** Well-formed, but semantically wrong (party not in conference, duplicate party, ...). */
export class UnprocessableError extends DomainError {
  constructor(
    message: string,
    readonly errors: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * A PDF summary larger than the PDF function can render within its time and
 * memory: refused before any rendering, naming the limit and what to
 * download instead.
 */
export class SummaryTooLargeError extends DomainError {
  constructor(
    message: string,
    readonly details: {
      readonly rows: number;
      readonly limit: number;
      readonly alternatives: readonly string[];
    },
  ) {
    super(message);
  }
}

/**
 * What the request needs cannot serve now: storage (or KMS, SSM) unavailable
 * or throttled after bounded retries, or the function's time ran out. The
 * message says whether anything may have been written; `Retry-After` when to
 * try again.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
