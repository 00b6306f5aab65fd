import { createHash } from 'node:crypto';
import type { OperationResult } from './operation.js';

/**
 * A PDF response with a strong ETag from its bytes. The same state renders
 * to the same bytes, so a client holding the current ETag gets 304.
 */
export function pdfResult(
  bytes: Uint8Array,
  ifNoneMatch: string | undefined,
  filename: string,
): OperationResult {
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 40)}"`;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  const matches = ifNoneMatch
    ?.split(',')
    .some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
  if (matches) return { status: 304, headers };
  return {
    status: 200,
    binary: { bytes, contentType: 'application/pdf' },
    headers: { ...headers, 'content-disposition': `inline; filename="${filename}"` },
  };
}
