import { ifNoneMatchHolds } from './conditional.js';
import type { OperationResult } from './operation.js';

/** A drawn PDF and the ETag of the state it was drawn from. */
export interface RenderedPdf {
  readonly etag: string;
  readonly bytes: Uint8Array;
}

/**
 * A PDF response whose strong ETag is known before rendering (computed from
 * the stored state and the renderer version, see `shared/pdf`): a client
 * holding the current one gets 304, and the PDF is neither drawn nor sealed,
 * nor its events read. `render` reads what else it needs, draws (and seals)
 * otherwise, and names the state it drew: a change committed meanwhile makes
 * it newer than `etag`. The seal's bytes differ from one issue to the next,
 * the content they cover does not.
 */
export async function pdfResult(args: {
  etag: string;
  ifNoneMatch: string | undefined;
  filename: string;
  render: () => Promise<RenderedPdf>;
}): Promise<OperationResult> {
  const { etag, ifNoneMatch, filename, render } = args;
  const cacheControl = { 'cache-control': 'private, no-cache' };
  if (ifNoneMatchHolds(ifNoneMatch, etag))
    return { status: 304, headers: { etag, ...cacheControl } };
  const rendered = await render();
  return {
    status: 200,
    binary: { bytes: rendered.bytes, contentType: 'application/pdf' },
    headers: {
      etag: rendered.etag,
      ...cacheControl,
      'content-disposition': `inline; filename="${filename}"`,
    },
  };
}
