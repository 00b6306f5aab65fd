import { ifNoneMatchHolds } from './conditional.js';
import type { OperationResult } from './operation.js';

/**
 * A PDF response whose strong ETag is known before rendering (computed from
 * the record state and the renderer version, see `shared/pdf`): a client
 * holding the current one gets 304 and the PDF is neither drawn nor sealed.
 * `render` draws (and seals) it otherwise; the seal's bytes differ from one
 * issue to the next, the content they cover does not.
 */
export async function pdfResult(args: {
  etag: string;
  ifNoneMatch: string | undefined;
  filename: string;
  render: () => Promise<Uint8Array>;
}): Promise<OperationResult> {
  const { etag, ifNoneMatch, filename, render } = args;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (ifNoneMatchHolds(ifNoneMatch, etag)) return { status: 304, headers };
  return {
    status: 200,
    binary: { bytes: await render(), contentType: 'application/pdf' },
    headers: { ...headers, 'content-disposition': `inline; filename="${filename}"` },
  };
}
