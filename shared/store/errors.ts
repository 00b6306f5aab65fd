import { ConcurrentChangeError, ServiceUnavailableError } from '../domain/errors.js';

/**
 * Turns DynamoDB SDK failures into domain errors, so that nothing above the
 * store knows the SDK. Conditions that lost a race become
 * ConcurrentChangeError (retryable by the use case); anything that means
 * "storage cannot serve now" becomes ServiceUnavailableError (503 + Retry-After).
 */

const RETRY_AFTER_SECONDS = 2;

const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ResourceNotFoundException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
}

/** Whether an AWS SDK error means the service cannot serve now: throttled, 5xx, timed out, unreachable. */
export function isServiceUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return isStorageUnavailable(error as SdkLikeError);
}

function isStorageUnavailable(error: SdkLikeError): boolean {
  if (error.name && unavailableNames.has(error.name)) return true;
  if (error.code && networkCodes.has(error.code)) return true;
  const status = error.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

export function translateStorageError(error: unknown): Error {
  if (typeof error !== 'object' || error === null) return new Error(String(error));
  const sdkError = error as SdkLikeError;
  if (sdkError.name === 'TransactionCanceledException') {
    const codes = (sdkError.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    if (
      codes.some((code) => code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded')
    ) {
      return new ServiceUnavailableError('Storage is throttling requests.', RETRY_AFTER_SECONDS, {
        cause: error,
      });
    }
    return new ConcurrentChangeError('The record changed while this request was being processed.', {
      cause: error,
    });
  }
  if (
    sdkError.name === 'ConditionalCheckFailedException' ||
    sdkError.name === 'TransactionConflictException'
  ) {
    return new ConcurrentChangeError('The record changed while this request was being processed.', {
      cause: error,
    });
  }
  if (isStorageUnavailable(sdkError)) {
    return new ServiceUnavailableError(
      'Storage is unavailable; nothing was written.',
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
  return error as Error;
}

/** Runs a storage call and translates what it throws. */
export async function storageCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateStorageError(error);
  }
}
