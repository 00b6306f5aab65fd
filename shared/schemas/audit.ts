import * as z from 'zod';
import { toUtcTimestamp } from '../domain/time.js';
import type { AuditAction } from '../domain/types.js';
import { ZPageQuery, ZPartyCode, ZTimestamp } from './requests.js';

/**
 * Query schemas of the history and audit routes. Strict like every other
 * schema: an unknown query parameter is a 400, not silently ignored.
 */

export const AUDIT_ACTIONS = [
  'AGREEMENT_CREATED',
  'AGREEMENT_OPENED',
  'SIGNATURE_RECORDED',
  'SIGNATURE_DECLINED',
  'SIGNATURE_WITHDRAWN',
  'AGREEMENT_CLOSED',
  'ACT_RECORDED',
] as const satisfies readonly AuditAction[];

// Fails to compile when an action is added to the domain but not to the filter.
const everyActionFilterable: [Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>] extends [never]
  ? true
  : false = true;
void everyActionFilterable;

/** `GET /v1/agreements/{id}/history`: one page of an agreement's events, oldest first. */
export const ZHistoryQuery = ZPageQuery;

/** An RFC 3339 instant (with offset) as the UTC timestamp events are stored with. */
const ZInstant = ZTimestamp.refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1970 && year <= 9999;
}, 'must lie between the years 1970 and 9999').transform(toUtcTimestamp);

/** `actor.sub` of the token that performed the change (a Cognito user id). */
const ZActorSub = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'must be a token subject (printable ASCII, no spaces)');

/**
 * `GET /v1/audit`. The window is half-open, `from` ≤ at < `to`, so that
 * consecutive windows neither overlap nor leave gaps.
 */
export const ZAuditQuery = z
  .strictObject({
    from: ZInstant.optional().meta({
      description: 'Earliest event time, inclusive (RFC 3339). Default: the start of the record.',
    }),
    to: ZInstant.optional().meta({
      description: 'Latest event time, exclusive (RFC 3339). Default and upper bound: now.',
    }),
    action: z.enum(AUDIT_ACTIONS).optional(),
    party: ZPartyCode.optional(),
    actor: ZActorSub.optional().meta({ description: 'Only events whose `actor.sub` is this' }),
    ...ZPageQuery.shape,
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    path: ['to'],
    message: 'must be later than from',
  });
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
