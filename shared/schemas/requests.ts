import * as z from 'zod';
import { type TextRule, textViolation } from '../domain/text.js';
import { canonicalTimeZone } from '../domain/time.js';
import { PARTY_CODE } from '../domain/types.js';

/**
 * Request schemas: the single source of validation (and, through
 * `shared/schemas/openapi.ts`, of the published contract). Every object is
 * strict at every level so that no client can set fields it does not own
 * (`status`, `version`, `seq`, ...). Text is normalised to NFC and otherwise
 * kept as sent.
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

/** An id the server chose, as a client sends it back in a body. */
const ZId = text(64);

export const ZPartyCode = z
  .string()
  .regex(PARTY_CODE, 'must be an ISO 3166-1 alpha-3 code or an organisation code like OTS')
  .meta({
    description: 'ISO 3166-1 alpha-3 (`AZE`) or an organisation code (`OTS`)',
    example: 'AZE',
  });

/** An IANA time zone, stored in its IANA spelling (`asia/baku` → `Asia/Baku`). */
export const ZTimeZone = z
  .string()
  .transform((name, context) => {
    const zone = canonicalTimeZone(name);
    if (zone) return zone;
    context.addIssue({
      code: 'custom',
      message: 'must be an IANA time zone such as Asia/Almaty',
    });
    return z.NEVER;
  })
  .meta({ example: 'Asia/Almaty' });

export const ZDate = z.iso.date().meta({ example: '2022-07-26' });

/** RFC 3339 with an explicit offset; stored and returned in UTC. */
export const ZTimestamp = z.iso
  .datetime({ offset: true })
  .refine((value) => /(Z|[+-]\d{2}:\d{2})$/i.test(value), 'must carry a UTC offset or Z')
  .meta({ example: '2022-07-26T15:30:00+06:00' });

export const ZSha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal digits')
  .transform((value) => value.toLowerCase())
  .meta({ description: 'SHA-256 of the signed document, hex' });

export const ZPerson = z.strictObject({
  name: text(LIMITS.shortText),
  title: text(LIMITS.shortText),
});

export const ZCreateConference = z.strictObject({
  name: text(LIMITS.longText),
  venue: z.strictObject({ city: text(LIMITS.shortText), country: text(LIMITS.shortText) }),
  timeZone: ZTimeZone,
  startDate: ZDate,
  endDate: ZDate.optional(),
  parties: z
    .array(z.strictObject({ code: ZPartyCode, name: text(LIMITS.shortText) }))
    .min(1)
    .max(LIMITS.parties),
});
export type TCreateConference = z.infer<typeof ZCreateConference>;

export const ZEntryIntoForce = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('all') }),
  z.strictObject({ rule: z.literal('count'), count: z.int().min(1).max(LIMITS.parties) }),
]);

export const ZCreateAgreement = z.strictObject({
  title: text(LIMITS.longText),
  kind: text(LIMITS.shortText).optional(),
  documentSha256: ZSha256,
  signatories: z
    .array(z.strictObject({ party: ZPartyCode, representative: ZPerson.optional() }))
    .min(1)
    .max(LIMITS.parties),
  entryIntoForce: ZEntryIntoForce.optional(),
  open: z.boolean().optional(),
});
export type TCreateAgreement = z.infer<typeof ZCreateAgreement>;

export const ZRecordSignature = z.strictObject({
  signedBy: ZPerson,
  signedAt: ZTimestamp,
  place: text(LIMITS.shortText).optional(),
  ceremonyId: ZId.optional(),
});
export type TRecordSignature = z.infer<typeof ZRecordSignature>;

export const ZDeclineSignature = z.strictObject({
  reason: text(LIMITS.reason, { multiline: true }).optional(),
});
export type TDeclineSignature = z.infer<typeof ZDeclineSignature>;

export const ZWithdrawSignature = z.strictObject({
  reason: text(LIMITS.reason, { multiline: true }),
});
export type TWithdrawSignature = z.infer<typeof ZWithdrawSignature>;

/** Bodiless state changes (`open`, `close`) accept no body or an empty object. */
export const ZEmptyBody = z.strictObject({});

export const ZCreateCeremony = z.strictObject({
  title: text(LIMITS.longText),
  place: text(LIMITS.shortText),
  scheduledAt: ZTimestamp,
  agreementIds: z.array(ZId).min(1).max(LIMITS.agreementsPerCeremony),
});
export type TCreateCeremony = z.infer<typeof ZCreateCeremony>;

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
export type TPageQuery = z.infer<typeof ZPageQuery>;

export const ZIdPath = z.string().min(1).max(64);

export const ZConferencePath = z.strictObject({ conferenceId: ZIdPath });
export const ZAgreementPath = z.strictObject({ agreementId: ZIdPath });
export const ZSignatoryPath = z.strictObject({ agreementId: ZIdPath, party: ZPartyCode });
export const ZCeremonyPath = z.strictObject({ ceremonyId: ZIdPath });
/** Any spelling is looked up (case, hyphens, look-alikes); one that is not a code is a 404. */
export const ZVerificationPath = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(120)
    .meta({ description: 'The verification code printed on the summary' }),
});
