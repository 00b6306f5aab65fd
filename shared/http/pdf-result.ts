import { contentEtag, ifNoneMatchHolds } from './conditional.js';
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
  const etag = contentEtag(bytes);
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (ifNoneMatchHolds(ifNoneMatch, etag)) return { status: 304, headers };
  return {
    status: 200,
    binary: { bytes, contentType: 'application/pdf' },
    headers: { ...headers, 'content-disposition': `inline; filename="${filename}"` },
  };
}
