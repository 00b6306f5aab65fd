import { createHash } from 'node:crypto';
import { InvalidRequestError } from '../domain/errors.js';

/**
 * Conditional requests (RFC 9110 §13), the one place that makes and
 * compares ETags: versioned resources (`"3"`) for `If-Match` on writes,
 * content hashes for `If-None-Match` on documents and PDFs.
 */

/** The ETag of a versioned resource: its version, quoted. */
export const versionEtag = (version: number) => `"${version}"`;

/** A strong ETag of a representation's bytes. */
export const contentEtag = (bytes: Uint8Array) =>
  `"${createHash('sha256').update(bytes).digest('hex').slice(0, 40)}"`;

/**
 * The versions an `If-Match` header accepts: `"3"`, or a list `"2", "4"`
 * (RFC 9110: any may match). `*` accepts any version (undefined). Weak tags
 * never match for If-Match; a header with nothing usable is a 400.
 */
export function ifMatchVersions(header: string | undefined): readonly number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const tags = header.split(',').map((tag) => tag.trim());
  if (!tags.every((tag) => /^(?:W\/)?"[^"]*"$/.test(tag))) {
    throw new InvalidRequestError('The If-Match header is not valid.', [
      { path: 'If-Match', message: 'send the ETag of the resource, e.g. "3"' },
    ]);
  }
  return tags.flatMap((tag) => {
    const strong = /^"(\d{1,15})"$/.exec(tag);
    return strong ? [Number(strong[1])] : [];
  });
}

/**
 * Whether `If-None-Match` names `etag` (or is `*`), so the answer is 304.
 * Weak comparison, as RFC 9110 prescribes for If-None-Match.
 */
export const ifNoneMatchHolds = (header: string | undefined, etag: string): boolean =>
  header?.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  }) ?? false;
