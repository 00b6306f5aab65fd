import * as z from 'zod';
import { ACT_TYPES, type ActView, type DepositaryNotification } from '../domain/acts.js';
import type { AgreementView, SignatoryView } from '../domain/agreement-view.js';
import type { ChainVerification } from '../domain/hash-chain.js';
import { MARKERS, STANDINGS } from '../domain/standing.js';
import type { StatusChart } from '../domain/status-chart.js';
import { type AuditEvent, type Ceremony, type Conference, ROLES } from '../domain/types.js';
import type { Problem } from '../http/problem.js';
import type { AgreementSummary, Page } from '../use-cases/ports.js';
import { AUDIT_ACTIONS } from './audit.js';
import { ZConsentType, ZEntryIntoForce } from './commands.js';
import { ZPartyCode } from './requests.js';

/**
 * Schemas of every response body, for the published contract
 * (`shared/schemas/openapi.ts`) and for tests that check real responses
 * against it. Nothing parses responses with them at run time.
 *
 * Each schema is checked at compile time against the domain type it
 * describes (see the end of this file), so a field added to, removed from
 * or retyped in `shared/domain/types.ts` fails `tsc` until it is documented.
 * Objects are closed (`additionalProperties: false` in the output schema):
 * the document says exactly what this version sends.
 */

// Short patterns instead of zod's calendar regexes: `format` checks the calendar.
const ZUtcTimestamp = z.iso.datetime().meta({
  description: 'RFC 3339 timestamp in UTC',
  pattern: 'Z$',
  example: '2022-07-26T09:30:00.000Z',
});
const ZDateOnly = z.iso.date().meta({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2022-07-26' });
const ZId = z.string().min(1).meta({ description: 'Opaque id chosen by the server (a ULID)' });
const ZHexSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');
const ZVersion = z
  .int()
  .min(1)
  .meta({ description: 'Version of the resource; its ETag is the version in quotes' });
const ZRole = z.enum(ROLES);

export const ZPersonOut = z.object({ name: z.string(), title: z.string() });

export const ZConference = z
  .object({
    id: ZId,
    name: z.string(),
    venue: z.object({ city: z.string(), country: z.string() }),
    timeZone: z
      .string()
      .meta({ description: 'IANA time zone of the venue', example: 'Asia/Bishkek' }),
    startDate: ZDateOnly,
    endDate: ZDateOnly.optional(),
    parties: z.array(z.object({ code: ZPartyCode, name: z.string() })),
    createdAt: ZUtcTimestamp,
    version: ZVersion,
  })
  .meta({ description: 'A conference (summit) and the parties attending it' });

const ZPersonFields = {
  signedBy: ZPersonOut.optional().meta({ description: 'Who signed, in what capacity' }),
};
const ZActRef = z.string().meta({ description: 'An act id, `<agreementId>:<seq>`' });

/** Every field an act of any type may carry; which ones a type has is in `POST …/acts`. */
export const ZAct = z
  .object({
    id: ZActRef,
    type: z.enum(ACT_TYPES),
    party: ZPartyCode,
    date: ZDateOnly.meta({ description: 'When it happened, in the depositary’s calendar' }),
    kind: z.enum(['simple', 'definitive', 'ad-referendum']).optional(),
    ...ZPersonFields,
    signedAt: ZUtcTimestamp.optional(),
    place: z.string().optional(),
    ceremonyId: ZId.optional(),
    fullPowers: z
      .object({
        reference: z.string(),
        issuedBy: z.string().optional(),
        date: ZDateOnly.optional(),
      })
      .optional(),
    instrument: z.object({ reference: z.string() }).optional(),
    predecessor: z.string().optional(),
    reference: z.string().optional(),
    text: z.string().optional(),
    articles: z.array(z.string()).optional(),
    madeAt: z.enum(['signature', 'consent']).optional(),
    relatesTo: ZActRef.optional(),
    effectiveDate: ZDateOnly.optional(),
    reason: z.string().optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    recordedAt: ZUtcTimestamp.meta({ description: 'When the secretariat recorded it' }),
    notification: z.string().optional().meta({
      description: 'Depositary notification number `<prefix>/<yyyy>/<n>`',
      example: 'DN/2023/14',
    }),
    correctedBy: ZActRef.optional().meta({
      description: 'The correction that superseded this act as recorded',
    }),
    lapsed: z.literal(true).optional().meta({
      description: 'A reservation made at signature that consent was given without (VCLT 23(2))',
    }),
  })
  .meta({
    description: 'One act of a party, append-only; a correction supersedes it without erasing it',
  });

export const ZSignatory = z
  .object({
    party: ZPartyCode,
    partyName: z.string(),
    status: z.enum(['pending', 'signed', 'declined', 'withdrawn']),
    representative: ZPersonOut.optional().meta({
      description: 'Who is expected to sign for the party',
    }),
    ...ZPersonFields,
    signedAt: ZUtcTimestamp.optional(),
    place: z.string().optional(),
    ceremonyId: ZId.optional(),
    reason: z.string().optional().meta({ description: 'Reason given for a decline or withdrawal' }),
    member: z
      .boolean()
      .optional()
      .meta({ description: '`false`: not counted by an entry-into-force qualifier' }),
    updatedAt: ZUtcTimestamp,
    standing: z.enum(STANDINGS).meta({
      description: 'Derived from the acts: none → signatory → contracting → party → denounced',
    }),
    consent: z.object({ type: ZConsentType, date: ZDateOnly }).optional(),
    inForceFor: ZDateOnly.optional().meta({
      description: 'The date the agreement is (or will be) in force for this party',
    }),
    provisionallyApplied: z.boolean(),
    markers: z.array(z.enum(MARKERS)).meta({
      description:
        'R reservation, D declaration, O objection, A ad referendum signature, P provisional application',
    }),
    acts: z.array(ZAct).meta({ description: 'The party’s acts, oldest first' }),
  })
  .meta({
    description:
      'One party of an agreement. States: pending → signed | declined, declined → signed, signed → withdrawn. Its standing is derived from its acts.',
  });

const agreementFields = {
  id: ZId,
  conferenceId: ZId,
  title: z.string(),
  kind: z.string(),
  documentSha256: ZHexSha256.meta({ description: 'SHA-256 of the signed document, lowercase hex' }),
  status: z.enum(['draft', 'open', 'closed']),
  entryIntoForce: ZEntryIntoForce,
  progress: z.object({ signed: z.int().min(0), total: z.int().min(0) }),
  inForce: z.boolean(),
  inForceAt: z.union([ZUtcTimestamp, ZDateOnly]).optional().meta({
    description:
      'Under the v1 rule, the signing time of the completing signature; a date when the rule has a delay or counts consents or notifications',
  }),
  createdAt: ZUtcTimestamp,
  updatedAt: ZUtcTimestamp,
  version: ZVersion,
  chain: z
    .object({ headSeq: z.int().min(0), headHash: ZHexSha256 })
    .meta({ description: 'Head of the agreement’s audit chain: its newest event' }),
};

export const ZAgreement = z
  .object({
    ...agreementFields,
    asOf: ZDateOnly.meta({ description: 'The date standings are given for' }),
    asRecordedAt: ZUtcTimestamp.optional().meta({
      description: 'With `?asRecordedAt=`: the record as it stood then',
    }),
    signatories: z.array(ZSignatory),
  })
  .meta({ description: 'An agreement to be signed, with its signatories' });

export const ZAgreementSummary = z
  .object(agreementFields)
  .meta({ description: 'An agreement in a listing: everything but the signatories' });

export const ZCeremony = z
  .object({
    id: ZId,
    conferenceId: ZId,
    title: z.string(),
    place: z.string(),
    scheduledAt: ZUtcTimestamp,
    agreementIds: z.array(ZId),
    createdAt: ZUtcTimestamp,
    version: ZVersion,
  })
  .meta({ description: 'A signing ceremony covering one or more agreements' });

export const ZAuditEvent = z
  .object({
    agreementId: ZId,
    seq: z.int().min(1),
    at: ZUtcTimestamp,
    action: z.enum(AUDIT_ACTIONS),
    party: ZPartyCode.optional(),
    actor: z.object({ sub: z.string(), role: ZRole, party: ZPartyCode.optional() }),
    data: z.record(z.string(), z.unknown()),
    requestId: z.string(),
    prevHash: ZHexSha256.meta({ description: '`hash` of the previous event; 64 zeros for seq 1' }),
    hash: ZHexSha256.meta({
      description:
        'Lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of this event without `hash`',
    }),
  })
  .meta({ description: 'One link of an agreement’s tamper-evident history' });

/** `{ items, nextCursor }`: pass `nextCursor` as `cursor` for the next page; null at the end. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Cursor of the next page (`?cursor=`), or null after the last' }),
  });

export const ZConferencePage = page(ZConference);
export const ZAgreementSummaryPage = page(ZAgreementSummary);
export const ZCeremonyPage = page(ZCeremony);
export const ZAuditEventPage = page(ZAuditEvent);

export const ZHistoryVerification = z
  .object({
    valid: z.boolean(),
    eventCount: z.int().min(0),
    headHash: ZHexSha256,
    firstInvalidSeq: z
      .int()
      .min(1)
      .optional()
      .meta({ description: 'First seq at which the stored chain differs from a valid one' }),
  })
  .meta({ description: 'The agreement’s hash chain, recomputed from the events as stored' });

export const ZActRecorded = z.object({ act: ZAct, signatory: ZSignatory }).meta({
  description: 'The act as recorded (with its id and notification number) and the party after it',
});

export const ZNotification = z
  .object({
    notification: z.string().meta({ example: 'DN/2023/14' }),
    prefix: z.string(),
    year: z.int(),
    n: z.int().min(1),
    issuedOn: ZDateOnly,
    agreementId: ZId,
    agreementTitle: z.string().optional().meta({
      description:
        'The agreement’s title when the act was recorded, as the notification cites it (absent from notifications issued before this field existed)',
    }),
    actId: ZActRef,
    party: ZPartyCode,
    actType: z.enum(ACT_TYPES),
    date: ZDateOnly.meta({ description: 'When the act happened' }),
    recordedAt: ZUtcTimestamp,
  })
  .meta({ description: 'A depositary notification: the citable number an act took' });
export const ZNotificationPage = page(ZNotification);

const ZChartNote = z.object({
  number: z.int().min(1),
  type: z.enum(['reservation', 'declaration', 'objection']),
  date: ZDateOnly,
  text: z.string(),
  articles: z.array(z.string()).optional(),
  lapsed: z.literal(true).optional(),
  withdrawn: ZDateOnly.optional().meta({ description: 'When the reservation was withdrawn' }),
});

export const ZStatusChart = z
  .object({
    agreement: z.object({
      id: ZId,
      title: z.string(),
      inForce: z.boolean(),
      inForceAt: z.union([ZUtcTimestamp, ZDateOnly]).optional(),
    }),
    asOf: ZDateOnly,
    asRecordedAt: ZUtcTimestamp.optional(),
    rows: z.array(
      z.object({
        party: ZPartyCode,
        partyName: z.string(),
        signature: ZDateOnly.optional(),
        consent: z
          .object({
            type: ZConsentType,
            date: ZDateOnly,
            marker: z.string().meta({ description: 's, A, AA, a, d; empty for ratification' }),
          })
          .optional(),
        inForceFor: ZDateOnly.optional(),
        denouncedOn: ZDateOnly.optional().meta({
          description:
            'The day the party notified its denunciation (shown before it takes effect too)',
        }),
        denunciationEffective: ZDateOnly.optional().meta({
          description: 'The day that denunciation takes effect',
        }),
        markers: z.array(z.enum(MARKERS)),
        notes: z.array(ZChartNote),
      }),
    ),
    totals: z.object({
      parties: z.int().min(0),
      signatures: z.int().min(0),
      consents: z.int().min(0),
      inForce: z.int().min(0),
    }),
  })
  .meta({ description: 'Chart of signatures and ratifications, one row per party' });
const headVerification = {
  agreementId: ZId,
  seq: z.int().min(1).meta({ description: 'The last event of the agreement the summary showed' }),
  headHash: ZHexSha256.meta({
    description: 'The hash of that event: the chain head it was drawn from',
  }),
  currentSeq: z.int().min(1).meta({ description: 'The agreement’s last event now' }),
  changedSince: z.boolean().meta({ description: 'Whether events were recorded since' }),
};

const agreementVerification = z.object({
  genuine: z.literal(true),
  issuedFor: z.literal('agreement'),
  ...headVerification,
});
const ceremonyVerification = z.object({
  genuine: z.literal(true),
  issuedFor: z.literal('ceremony'),
  ceremonyId: ZId,
  recordedUpTo: ZUtcTimestamp.meta({
    description: 'The summary showed each agreement as recorded up to this moment',
  }),
  agreements: z.array(z.object(headVerification)).min(1),
  changedSince: z.boolean().meta({ description: 'Whether any of them changed since' }),
});
const sealValid = {
  sealValid: z.boolean().meta({
    description:
      'The service’s seal covers the whole file and verifies with its certificate: the file is unmodified since it was issued',
  }),
};

export const ZVerification = z
  .discriminatedUnion('issuedFor', [agreementVerification, ceremonyVerification])
  .meta({
    description:
      'The service issued a summary with this code, drawn from the record state named here. Ids, sequence numbers and hashes only: no title, name or party.',
  });

export const ZUploadVerification = z
  .discriminatedUnion('issuedFor', [
    agreementVerification.extend(sealValid),
    ceremonyVerification.extend(sealValid),
  ])
  .meta({
    description: 'What the uploaded PDF’s verification code says, and whether its seal holds',
  });

export const ZHealth = z.object({ status: z.literal('ok') });

export const ZProblem = z
  .object({
    type: z.url().meta({ description: 'URI naming the kind of problem' }),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    requestId: z.string().meta({ description: 'Also in the `x-request-id` header' }),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Each offending field (400, 422)' }),
    current: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'The current state that conflicts with the request (409)' }),
    currentVersion: z
      .int()
      .optional()
      .meta({ description: 'The current version of the resource (412)' }),
  })
  .meta({ description: 'RFC 9457 problem details' });

/** The component name of each response schema in the OpenAPI document. */
export const responseSchemas = {
  Conference: ZConference,
  ConferencePage: ZConferencePage,
  Agreement: ZAgreement,
  AgreementSummary: ZAgreementSummary,
  AgreementSummaryPage: ZAgreementSummaryPage,
  Signatory: ZSignatory,
  Ceremony: ZCeremony,
  CeremonyPage: ZCeremonyPage,
  AuditEvent: ZAuditEvent,
  AuditEventPage: ZAuditEventPage,
  HistoryVerification: ZHistoryVerification,
  Verification: ZVerification,
  UploadVerification: ZUploadVerification,
  Health: ZHealth,
  Problem: ZProblem,
  Act: ZAct,
  ActRecorded: ZActRecorded,
  Notification: ZNotification,
  NotificationPage: ZNotificationPage,
  StatusChart: ZStatusChart,
} as const;
export type ResponseSchemaName = keyof typeof responseSchemas;

// ---------------------------------------------------------------------------
// Compile-time agreement with the domain types: each line fails to compile
// when a schema and the type it documents differ in any field.

type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;
/** Identical types (optional fields included), not merely assignable either way. */
type Same<A, B> =
  (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false;
type Documents<S extends z.ZodType, T> = Same<Mutable<z.output<S>>, Mutable<T>>;

const schemasMatchTypes: [
  Documents<typeof ZConference, Conference>,
  Same<Mutable<Omit<z.output<typeof ZSignatory>, 'acts'>>, Mutable<Omit<SignatoryView, 'acts'>>>,
  Same<
    Mutable<Omit<z.output<typeof ZAgreement>, 'signatories'>>,
    Mutable<Omit<AgreementView, 'signatories'>>
  >,
  Documents<typeof ZNotificationPage, Page<DepositaryNotification>>,
  Documents<typeof ZStatusChart, StatusChart>,
  // An act's fields depend on its type; the schema lists every field any type has.
  Mutable<ActView> extends Mutable<z.output<typeof ZAct>> ? true : false,
  Documents<typeof ZAgreementSummary, AgreementSummary>,
  Documents<typeof ZCeremony, Ceremony>,
  Documents<typeof ZAuditEvent, AuditEvent>,
  Documents<typeof ZConferencePage, Page<Conference>>,
  Documents<typeof ZAuditEventPage, Page<AuditEvent>>,
  Documents<typeof ZHistoryVerification, ChainVerification>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void schemasMatchTypes;

// Problems carry open-ended extensions in the type; the documented fields must exist there.
const problemFieldsExist: z.output<typeof ZProblem> extends Mutable<Problem> ? true : false = true;
void problemFieldsExist;
