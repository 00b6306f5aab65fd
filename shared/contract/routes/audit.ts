import { ZAuditQuery, ZHistoryQuery } from '../../schemas/audit.js';
import { ZAgreementPath } from '../../schemas/requests.js';
import { defineRoutes, READERS } from '../route.js';

/** The audit function: an agreement's history and its verification, and the audit query. */

export const auditRoutes = defineRoutes('audit', {
  getAgreementHistory: {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/history',
    roles: READERS,
    tag: 'Audit',
    summary: "An agreement's audit events, oldest first",
    description:
      'Three representations, chosen by `Accept`: `application/json` (default) is one page; `application/x-ndjson` is the whole history, one event per line exactly as stored (each line can be re-hashed: the verifiable export); `text/csv` is the whole history as a table (`data` as a JSON column; a cell that would start a spreadsheet formula, `=`, `+`, `-`, `@`, tab or CR, or that starts with a quote, gets one single quote in front). Exports ignore `limit` and `cursor`, and are 422 when too large for one download.',
    request: { path: ZAgreementPath, query: ZHistoryQuery },
    problems: [422],
    responses: {
      200: {
        description: 'The history, oldest first.',
        content: {
          'application/json': 'AuditEventPage',
          'application/x-ndjson': {
            raw: {
              type: 'string',
              description:
                'One `AuditEvent` (see components) per line, each line ending with LF. The last line’s `hash` equals `X-Chain-Head-Hash`.',
            },
          },
          'text/csv': {
            raw: {
              type: 'string',
              description:
                'RFC 4180 with a header row: seq, at, action, party, actor.sub, actor.role, actor.party, requestId, prevHash, hash, data (JSON).',
            },
          },
        },
        headers: ['Vary', 'Content-Disposition', 'X-Chain-Head-Seq', 'X-Chain-Head-Hash'],
      },
    },
  },
  verifyAgreementHistory: {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/history/verification',
    roles: READERS,
    tag: 'Audit',
    summary: "Recompute and verify an agreement's hash chain",
    description:
      'Recomputes every hash from the events as stored (never cached) and checks the chain ends at the head the agreement points at.',
    request: { path: ZAgreementPath },
    responses: {
      200: {
        description: 'The verification result.',
        content: { 'application/json': 'HistoryVerification' },
      },
    },
  },
  queryAudit: {
    method: 'GET',
    path: '/v1/audit',
    roles: READERS,
    tag: 'Audit',
    summary: 'Audit events across all agreements, by time',
    description:
      'Events of all agreements in the half-open window `from` ≤ at < `to`, oldest first. A page may hold fewer than `limit` events (even none) while `nextCursor` is not null: follow it until it is null.',
    request: { query: ZAuditQuery },
    responses: {
      200: {
        description: 'One page of events.',
        content: { 'application/json': 'AuditEventPage' },
      },
    },
  },
});
