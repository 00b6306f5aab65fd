import type { OperationResult } from './operation.js';

/** The ETag of a versioned resource: its version, quoted. */
export const etagOf = (version: number) => `"${version}"`;

export const ok = (body: unknown, version?: number): OperationResult => ({
  status: 200,
  body,
  ...(version !== undefined && { headers: { etag: etagOf(version) } }),
});

export const created = (body: unknown, version: number, location?: string): OperationResult => ({
  status: 201,
  body,
  headers: { etag: etagOf(version), ...(location && { location }) },
});
