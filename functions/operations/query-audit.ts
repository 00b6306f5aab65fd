import { auditRoutes } from '../../shared/contract/routes/audit.js';
import { defineOperation, type Operation } from '../../shared/http/operation.js';
import { ok } from '../../shared/http/results.js';
import { type AuditDeps, queryAudit } from '../../shared/use-cases/audit.js';

/**
 * `GET /v1/audit?from=&to=&action=&party=&actor=&limit=&cursor=`: events of
 * all agreements by time, oldest first, `{ items, nextCursor }`. A page may
 * hold fewer than `limit` events (even none) while `nextCursor` is not null:
 * follow it until it is null.
 */
export const queryAuditOperation = (deps: AuditDeps): Operation =>
  defineOperation(auditRoutes.queryAudit, async ({ query }) =>
    ok(await queryAudit({ query, deps })),
  );
