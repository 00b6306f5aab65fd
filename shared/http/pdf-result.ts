import { contentEtag, ifNoneMatchHolds } from './conditional.js';
import type { OperationResult } from './operation.js';

/**
 * A PDF response with a strong ETag from its unsealed bytes: the same state
 * renders to the same content, while the seal over it differs from one
 * issue to the next (its signing time and ECDSA signature). A client
 * holding the current ETag gets 304 without a new seal.
 */
export async function pdfResult(
  unsealed: Uint8Array,
  ifNoneMatch: string | undefined,
  filename: string,
  seal: (unsealed: Uint8Array) => Promise<Uint8Array>,
): Promise<OperationResult> {
  const etag = contentEtag(unsealed);
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (ifNoneMatchHolds(ifNoneMatch, etag)) return { status: 304, headers };
  return {
    status: 200,
    binary: { bytes: await seal(unsealed), contentType: 'application/pdf' },
    headers: { ...headers, 'content-disposition': `inline; filename="${filename}"` },
  };
}
