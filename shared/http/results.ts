import { versionEtag } from './conditional.js';
import type { OperationResult } from './operation.js';

export const ok = (body: unknown, version?: number): OperationResult => ({
  status: 200,
  body,
  ...(version !== undefined && { headers: { etag: versionEtag(version) } }),
});

export const created = (body: unknown, version: number, location?: string): OperationResult => ({
  status: 201,
  body,
  headers: { etag: versionEtag(version), ...(location && { location }) },
});
