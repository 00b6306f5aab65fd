import * as z from 'zod';
import { type TextRule, textViolation } from '../domain/text.js';
import { PARTY_CODE } from '../domain/types.js';

/**
 * Request schemas: the single source of validation (and, through
 * `shared/schemas/openapi.ts`, of the published contract). Every object is
 * strict at every level so that no client can set fields it does not own
 * (`status`, `version`, `seq`, ...). Text is normalised to NFC and otherwise
 * kept as sent. This module holds the fields, paths and queries every
 * function reads; the bodies of the writes are in `commands.ts`, so that a
 * function that writes nothing never builds them: zod building them cost
 * reads, verify, audit and pdf 16–20 ms of each cold start.
 */

export const LIMITS = {
  shortText: 200,
  longText: 500,
  reason: 2000,
  parties: 1000,
  agreementsPerCeremony: 100,
  pageSize: 100,
  defaultPageSize: 20,
} as const;

/**
 * The one schema of every text field: NFC, 1 to `max` characters, not blank,
 * and nothing the domain's text rule refuses (controls, bidi overrides and
 * isolates, lone surrogates; line feeds only where `rule.multiline`).
 */
export const text = (max: number, rule: TextRule = {}) =>
  z
    .string()
    .normalize('NFC')
    .min(1, { abort: true })
    .max(max)
    .refine((value) => value.trim().length > 0, 'must not be blank')
    .superRefine((value, context) => {
      const violation = textViolation(value, rule);
      if (violation) context.addIssue({ code: 'custom', message: violation });
    });

export const ZPartyCode = z
  .string()
  .regex(PARTY_CODE, 'must be an ISO 3166-1 alpha-3 code or an organisation code like OTS')
  .meta({
    description: 'ISO 3166-1 alpha-3 (`AZE`) or an organisation code (`OTS`)',
    example: 'AZE',
  });

export const ZDate = z.iso.date().meta({ example: '2022-07-26' });

/** RFC 3339 with an explicit offset; stored and returned in UTC. */
export const ZTimestamp = z.iso
  .datetime({ offset: true })
  .refine((value) => /(Z|[+-]\d{2}:\d{2})$/i.test(value), 'must carry a UTC offset or Z')
  .meta({ example: '2022-07-26T15:30:00+06:00' });

/**
 * `limit` of a listing, as a query string carries it: decimal digits only,
 * so `1e1`, `0x10`, ` 5`, `+5` or `05` are refused rather than read as numbers.
 */
export const ZPageLimit = z
  .string()
  .regex(/^[1-9][0-9]*$/, `must be a whole number from 1 to ${LIMITS.pageSize} in decimal digits`)
  .optional()
  .transform((value) => (value === undefined ? LIMITS.defaultPageSize : Number(value)))
  .pipe(z.int().min(1).max(LIMITS.pageSize))
  .meta({
    description: `Page size, 1 to ${LIMITS.pageSize} in decimal digits (default ${LIMITS.defaultPageSize})`,
    example: '20',
  });

export const ZPageQuery = z.strictObject({
  limit: ZPageLimit,
  cursor: z.string().min(1).max(2048).optional(),
});

export const ZIdPath = z.string().min(1).max(64);

export const ZConferencePath = z.strictObject({ conferenceId: ZIdPath });
export const ZAgreementPath = z.strictObject({ agreementId: ZIdPath });
export const ZSignatoryPath = z.strictObject({ agreementId: ZIdPath, party: ZPartyCode });
export const ZCeremonyPath = z.strictObject({ ceremonyId: ZIdPath });

/** `GET /v1/agreements/{id}`: now, or at a point in time (one of the two). */
export const ZAgreementQuery = z
  .strictObject({
    asOf: ZDate.optional().meta({
      description: 'The agreement and every standing as they were on that date (by act dates)',
    }),
    asRecordedAt: ZTimestamp.optional().meta({
      description: 'What the record said at that moment (events recorded up to then)',
    }),
  })
  .refine((query) => !(query.asOf && query.asRecordedAt), {
    path: ['asRecordedAt'],
    message: 'give asOf or asRecordedAt, not both',
  });

/** `GET /v1/notifications`: a page like any listing's (the same `limit` and `cursor`). */
export const ZNotificationQuery = ZPageQuery.extend({
  from: ZDate.optional().meta({
    description: 'Issued on or after this date (depositary calendar)',
  }),
  to: ZDate.optional().meta({ description: 'Issued on or before this date' }),
  agreementId: ZIdPath.optional(),
}).refine((query) => !query.from || !query.to || query.from <= query.to, {
  path: ['to'],
  message: 'must not be before from',
});
/** Any spelling is looked up (case, hyphens, look-alikes); one that is not a code is a 404. */
export const ZVerificationPath = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(120)
    .meta({ description: 'The verification code printed on the summary' }),
});
