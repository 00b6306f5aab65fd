import * as z from 'zod';
import { type ActType, CONSENT_TYPES } from '../domain/acts.js';
import { canonicalTimeZone } from '../domain/time.js';
import { COUNTINGS } from '../domain/types.js';
import { LIMITS, text, ZDate, ZPartyCode, ZTimestamp } from './requests.js';

/**
 * The bodies of the writes (conferences, agreements, signatures, ceremonies,
 * acts), strict like every request schema (`requests.ts`). Only the
 * functions that take them import this module.
 */

/** An id the server chose, as a client sends it back in a body. */
const ZId = text(64);

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
    .enum(COUNTINGS)
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
