import * as z from 'zod';
import { type ActType, CONSENT_TYPES } from '../domain/acts.js';
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

/** A period as treaties write it: days, or months with an optional snap to the next month's first day. */
export const ZPeriod = z
  .union([
    z.strictObject({ days: z.int().min(0).max(36_600) }),
    z.strictObject({
      months: z.int().min(0).max(1_200),
      snap: z.enum(['same-day', 'first-day-of-next-month']).optional(),
    }),
  ])
  .meta({
    description:
      '`{ days }`, or `{ months, snap }`: `first-day-of-next-month` is "the first day of the month following the expiration of" the months',
  });

export const ZConsentType = z.enum(CONSENT_TYPES);

/** Options every rule accepts; none given keeps the v1 meaning (count signatures, in force at once). */
const entryIntoForceOptions = {
  counting: z
    .enum(['signatures', 'consents', 'notifications'])
    .optional()
    .meta({ description: 'What is counted; default `signatures`' }),
  delay: ZPeriod.optional().meta({ description: 'From the date the count is reached' }),
  laterParties: ZPeriod.optional().meta({
    description: 'For a party that joins after the count was reached; default: `delay`',
  }),
  qualifier: z
    .strictObject({ members: z.int().min(1).max(LIMITS.parties) })
    .optional()
    .meta({
      description:
        'At least this many of those counted are members (signatories not marked `member: false`)',
    }),
  consentMeans: z.array(ZConsentType).min(1).max(CONSENT_TYPES.length).optional().meta({
    description:
      'Act types that express consent to be bound; default `["signature"]` when counting signatures, else ratification, acceptance, approval, accession, succession',
  }),
  denunciation: ZPeriod.optional().meta({
    description: 'Notice period of a denunciation; default `{ "months": 12 }` (VCLT 56)',
  }),
};

export const ZEntryIntoForce = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('all'), ...entryIntoForceOptions }),
  z.strictObject({
    rule: z.literal('count'),
    count: z.int().min(1).max(LIMITS.parties),
    ...entryIntoForceOptions,
  }),
]);

export const ZCreateAgreement = z.strictObject({
  title: text(LIMITS.longText),
  kind: text(LIMITS.shortText).optional(),
  documentSha256: ZSha256,
  signatories: z
    .array(
      z.strictObject({
        party: ZPartyCode,
        representative: ZPerson.optional(),
        member: z.boolean().optional().meta({
          description: '`false`: not counted by an entry-into-force qualifier (default true)',
        }),
      }),
    )
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

export const ZDeclineSignature = z.strictObject({
  reason: text(LIMITS.reason, { multiline: true }).optional(),
});

export const ZWithdrawSignature = z.strictObject({
  reason: text(LIMITS.reason, { multiline: true }),
});

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

export const ZIdPath = z.string().min(1).max(64);

export const ZConferencePath = z.strictObject({ conferenceId: ZIdPath });
export const ZAgreementPath = z.strictObject({ agreementId: ZIdPath });
export const ZSignatoryPath = z.strictObject({ agreementId: ZIdPath, party: ZPartyCode });
export const ZCeremonyPath = z.strictObject({ ceremonyId: ZIdPath });

// ---------------------------------------------------------------------------
// Acts (`POST /v1/agreements/{id}/signatories/{party}/acts`)

/** A calendar date (`YYYY-MM-DD`): when the act happened, in the depositary's calendar. */
export const ZActDate = ZDate.meta({
  description: 'When the act happened, in the depositary’s calendar (not when it is recorded)',
});
const actId = z.string().min(3).max(100).meta({ description: 'An act id, `<agreementId>:<seq>`' });
const instrument = z.strictObject({ reference: text(LIMITS.shortText) }).optional();
const act = <const K extends ActType, T extends z.core.$ZodLooseShape>(type: K, shape: T) =>
  z.strictObject({ type: z.literal(type), date: ZActDate, ...shape });

export const ZActVariants = [
  act('signature', {
    kind: z.enum(['simple', 'definitive', 'ad-referendum']).default('simple'),
    signedBy: ZPerson,
    place: text(LIMITS.shortText).optional(),
    ceremonyId: z.string().min(1).max(64).optional(),
    fullPowers: z
      .strictObject({
        reference: text(LIMITS.shortText),
        issuedBy: text(LIMITS.shortText).optional(),
        date: ZDate.optional(),
      })
      .optional(),
    signedAt: ZTimestamp.optional().meta({
      description: 'Default: noon of `date` in the venue’s time zone',
    }),
  }),
  act('signature-confirmation', {}),
  act('ratification', { instrument }),
  act('acceptance', { instrument }),
  act('approval', { instrument }),
  act('accession', { instrument }),
  act('succession', { predecessor: text(LIMITS.shortText), instrument }),
  act('domestic-procedures-completed', { reference: text(LIMITS.shortText).optional() }),
  act('provisional-application', {}),
  act('provisional-application-ended', {}),
  ...(['reservation', 'declaration'] as const).map((type) =>
    act(type, {
      text: text(LIMITS.reason, { multiline: true }),
      articles: z.array(text(LIMITS.shortText)).min(1).max(100).optional(),
      madeAt: z.enum(['signature', 'consent']),
      relatesTo: actId.optional().meta({
        description:
          'Made at consent: the reservation made at signature that this one confirms (VCLT 23(2))',
      }),
    }),
  ),
  act('reservation-withdrawn', { relatesTo: actId }),
  act('objection', { relatesTo: actId, text: text(LIMITS.reason, { multiline: true }) }),
  act('denunciation', {
    effectiveDate: ZDate.optional().meta({
      description: 'Default: `date` plus the agreement’s notice period',
    }),
  }),
  act('decline', { reason: text(LIMITS.reason, { multiline: true }).optional() }),
  act('signature-withdrawn', { reason: text(LIMITS.reason, { multiline: true }) }),
  act('correction', {
    relatesTo: actId,
    fields: z
      .record(z.string().min(1).max(50), z.unknown())
      .refine((fields) => Object.keys(fields).length > 0, 'must correct at least one field')
      .meta({
        description:
          'The corrected fields of the act it supersedes (checked against that act’s type)',
      }),
    reason: text(LIMITS.reason, { multiline: true }),
  }),
] as const;

export const ZRecordAct = z.discriminatedUnion('type', ZActVariants);
export type TRecordAct = z.infer<typeof ZRecordAct>;

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
