import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidRequestError } from '../domain/errors.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.js';

/** Largest accepted request body, decoded. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Largest accepted PDF upload (routes with `body: 'pdf'`): API Gateway's own limit. */
export const MAX_PDF_BODY_BYTES = 10 * 1024 * 1024;

/**
 * `application/json`, optionally with `charset=utf-8`: no other type, not even one with a
 * `+json` suffix (`application/merge-patch+json` would claim a semantics these routes lack).
 */
const jsonMediaType = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

function rawBody(event: APIGatewayProxyEventV2): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return event.isBase64Encoded
    ? Buffer.from(event.body, 'base64')
    : Buffer.from(event.body, 'utf8');
}

/**
 * The JSON body of a request, after the guards every JSON route shares:
 * 413 over {@link MAX_BODY_BYTES}, 415 for anything but JSON (UTF-8), 400
 * for malformed JSON or invalid UTF-8. An absent body reads as `{}` so that
 * schemas report the missing fields by name.
 */
export function jsonBodyOf(event: APIGatewayProxyEventV2): unknown {
  const bytes = rawBody(event);
  if (bytes.length > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The body is ${bytes.length} bytes; at most ${MAX_BODY_BYTES} are accepted.`,
    );
  }
  const contentType = event.headers['content-type'];
  if (bytes.length === 0 && !contentType) return {};
  if (!contentType || !jsonMediaType.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError('Send the body as application/json; charset=utf-8.');
  }
  if (bytes.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidRequestError('The body is not valid UTF-8.', [
      { path: '(root)', message: 'invalid UTF-8' },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError('The body is not valid JSON.', [
      { path: '(root)', message: (error as Error).message },
    ]);
  }
}

/** The body of a PDF upload: 413 over {@link MAX_PDF_BODY_BYTES}, 415 unless `application/pdf`. */
export function pdfBodyOf(event: APIGatewayProxyEventV2): Uint8Array {
  const bytes = rawBody(event);
  if (bytes.length > MAX_PDF_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The upload is ${bytes.length} bytes; at most ${MAX_PDF_BODY_BYTES} (10 MB) are accepted.`,
    );
  }
  const contentType = event.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/pdf')
    throw new UnsupportedMediaTypeError('Send the PDF as Content-Type: application/pdf.');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
