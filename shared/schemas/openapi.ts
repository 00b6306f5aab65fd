import * as z from 'zod';
import { DOCS_ASSETS } from '../../functions/operations/docs-page.js';
import { type RouteDefinition, routes } from '../../functions/routes.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  StorageUnavailableError,
  UnauthenticatedError,
  UnprocessableError,
} from '../domain/errors.js';
import {
  MethodNotAllowedError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../http/errors.js';
import { toProblem } from '../http/problem.js';
import { MAX_BODY_BYTES } from '../http/request-guards.js';
import { ZAuditQuery, ZHistoryQuery } from './audit.js';
import {
  ZAgreementPath,
  ZAgreementQuery,
  ZCeremonyPath,
  ZConferencePath,
  ZCreateAgreement,
  ZCreateCeremony,
  ZCreateConference,
  ZDeclineSignature,
  ZEmptyBody,
  ZNotificationQuery,
  ZPageQuery,
  ZRecordAct,
  ZRecordSignature,
  ZSignatoryPath,
  ZWithdrawSignature,
} from './requests.js';
import {
  responseSchemas,
  ZActRecorded,
  ZAgreement,
  ZAgreementSummaryPage,
  ZAuditEventPage,
  ZCeremony,
  ZCeremonyPage,
  ZConference,
  ZConferencePage,
  ZHealth,
  ZHistoryVerification,
  ZNotificationPage,
  ZSignatory,
  ZStatusChart,
} from './responses.js';

/**
 * The OpenAPI 3.1 document of this API, generated, never written by hand:
 *
 *  - paths, methods, operationIds, summaries, roles and public/secured from
 *    the route table (`functions/routes.ts`);
 *  - path and query parameters and request bodies from the zod schemas the
 *    operations validate with (`requests.ts`, `audit.ts`), as JSON Schema
 *    draft 2020-12 (`io: 'input'`: what a client may send);
 *  - response bodies from `responses.ts` (`io: 'output'`: what the server sends);
 *  - problem responses from the problem table (`shared/http/problem.ts`): each
 *    status's `type` and `title` come from `toProblem` itself.
 *
 * {@link operationContracts} says which schemas each operation uses (the
 * operations cannot be imported here: they would pull every function's
 * dependencies into every bundle). `tests/integration/openapi.test.ts`
 * checks it names the very schema objects the operations validate with, and
 * that real responses validate against the document.
 */

type JsonSchema = Record<string, unknown>;
type Json = Record<string, unknown>;

/** Statuses of problem responses. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 503;

type ResponseHeader =
  | 'ETag'
  | 'Location'
  | 'Idempotent-Replayed'
  | 'Cache-Control'
  | 'Content-Disposition'
  | 'Content-Encoding'
  | 'Vary'
  | 'X-Chain-Head-Seq'
  | 'X-Chain-Head-Hash';

/** A body: a documented zod schema (a component), or a plain JSON Schema for non-JSON media. */
type Media = z.ZodType | { readonly raw: JsonSchema };

export interface ResponseContract {
  readonly description: string;
  /** Media type → body. Omitted for bodiless responses (304). */
  readonly content?: Readonly<Record<string, Media>>;
  readonly headers?: readonly ResponseHeader[];
}

export interface OperationContract {
  readonly description?: string;
  readonly path?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body may be omitted (`open`, `close`). */
  readonly bodyOptional?: boolean;
  /** A valid body (tests parse it with `body`); shown in "Try it out". */
  readonly bodyExample?: unknown;
  readonly responses: Readonly<Record<number, ResponseContract>>;
  /** Honours `If-Match` (412 when stale). */
  readonly ifMatch?: boolean;
  /** Honours `If-None-Match` (304 when current). */
  readonly ifNoneMatch?: boolean;
  /** Reads or writes the table, so may answer 503. Default true. */
  readonly storage?: boolean;
  /** Problems beyond those every route of its kind can produce. */
  readonly problems?: readonly ProblemStatus[];
}

/** Request bodies, by component name (in `io: 'input'`). */
export const requestBodySchemas = {
  CreateConference: ZCreateConference,
  CreateAgreement: ZCreateAgreement,
  CreateCeremony: ZCreateCeremony,
  RecordSignature: ZRecordSignature,
  DeclineSignature: ZDeclineSignature,
  WithdrawSignature: ZWithdrawSignature,
  RecordAct: ZRecordAct,
  EmptyBody: ZEmptyBody,
} as const;

const binary = (mediaType: string): Media => ({
  raw: { type: 'string', format: 'binary', contentMediaType: mediaType },
});
const json = (schema: z.ZodType) => ({ 'application/json': schema });

const versioned = (description: string, schema: z.ZodType): ResponseContract => ({
  description,
  content: json(schema),
  headers: ['ETag'],
});
const created = (description: string, schema: z.ZodType): ResponseContract => ({
  description,
  content: json(schema),
  headers: ['ETag', 'Location'],
});

const pdf = (what: string): OperationContract['responses'] => ({
  200: {
    description: `The PDF summary of the ${what}. The same state always yields the same bytes.`,
    content: { 'application/pdf': binary('application/pdf') },
    headers: ['ETag', 'Cache-Control', 'Content-Disposition'],
  },
  304: {
    description: '`If-None-Match` named the current ETag: the PDF has not changed.',
    headers: ['ETag', 'Cache-Control'],
  },
});

const XXIV_PARTIES = [
  { code: 'AZE', name: 'Azərbaycan Respublikası' },
  { code: 'KAZ', name: 'Қазақстан Республикасы' },
  { code: 'KGZ', name: 'Кыргыз Республикасы' },
  { code: 'TUR', name: 'Türkiye Cumhuriyeti' },
  { code: 'UZB', name: 'Oʻzbekiston Respublikasi' },
];

const signatoryChange = (
  action: string,
  status: 200 | 201,
  body: z.ZodType,
  bodyExample: unknown,
): OperationContract => ({
  description: `${action} The agreement must be open; any other transition is a 409 with the signatory's current state.`,
  path: ZSignatoryPath,
  body,
  bodyExample,
  ifMatch: true,
  responses: {
    [status]: versioned(
      'The signatory after the change; `ETag` is the new version of the agreement.',
      ZSignatory,
    ),
  },
});

/** What each operation of the route table takes and answers, by operationId. */
export const operationContracts: Readonly<Record<string, OperationContract>> = {
  getHealth: {
    description: 'Answers 200 once the API can reach its table, 503 otherwise. No token needed.',
    responses: { 200: { description: 'The API can reach its table.', content: json(ZHealth) } },
  },
  getOpenApiDocument: {
    description: 'This document. Generated from the route table and the validation schemas.',
    storage: false,
    ifNoneMatch: true,
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document.',
        content: {
          'application/json': {
            raw: {
              type: 'object',
              properties: {
                openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
                info: { type: 'object' },
                paths: { type: 'object' },
              },
              required: ['openapi', 'info', 'paths'],
            },
          },
        },
        headers: ['ETag', 'Cache-Control', 'Vary'],
      },
      304: { description: 'Unchanged.', headers: ['ETag', 'Cache-Control'] },
    },
  },
  getDocsPage: {
    description: 'Swagger UI for this document: paste a token under Authorize, then Try it out.',
    storage: false,
    ifNoneMatch: true,
    responses: {
      200: {
        description: 'The page.',
        content: { 'text/html': { raw: { type: 'string' } } },
        headers: ['ETag', 'Cache-Control', 'Vary'],
      },
      304: { description: 'Unchanged.', headers: ['ETag', 'Cache-Control'] },
    },
  },
  getDocsAsset: {
    description: 'Scripts, styles and icons of the documentation page, served by the API itself.',
    storage: false,
    ifNoneMatch: true,
    responses: {
      200: {
        description: 'The asset (gzip-encoded when the client accepts it).',
        content: {
          'text/javascript': { raw: { type: 'string' } },
          'text/css': { raw: { type: 'string' } },
          'image/png': binary('image/png'),
        },
        headers: ['ETag', 'Cache-Control', 'Content-Encoding', 'Vary'],
      },
      304: { description: 'Unchanged.', headers: ['ETag', 'Cache-Control'] },
    },
  },
  createConference: {
    body: ZCreateConference,
    bodyExample: {
      name: 'XXIV Zirvə — Türk Dövlətləri Təşkilatı',
      venue: { city: 'Чолпон-Ата', country: 'Кыргызстан' },
      timeZone: 'Asia/Bishkek',
      startDate: '2022-07-26',
      endDate: '2022-07-27',
      parties: XXIV_PARTIES,
    },
    responses: { 201: created('The conference.', ZConference) },
  },
  listConferences: {
    query: ZPageQuery,
    responses: { 200: { description: 'One page of conferences.', content: json(ZConferencePage) } },
  },
  getConference: {
    path: ZConferencePath,
    responses: { 200: versioned('The conference.', ZConference) },
  },
  createAgreement: {
    description:
      'Every signatory party must be a party of the conference, and none may appear twice (else 422). With `open: true` the agreement is opened at once.',
    path: ZConferencePath,
    body: ZCreateAgreement,
    bodyExample: {
      title: 'Protocol of Intent on Digital Cooperation',
      kind: 'protocol',
      documentSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      signatories: [
        { party: 'AZE' },
        { party: 'KAZ' },
        { party: 'KGZ' },
        { party: 'TUR', representative: { name: 'Recep Tayyip Erdoğan', title: 'Cumhurbaşkanı' } },
        { party: 'UZB' },
      ],
      entryIntoForce: { rule: 'count', count: 3 },
      open: true,
    },
    responses: { 201: created('The agreement, with every signatory pending.', ZAgreement) },
  },
  listAgreements: {
    path: ZConferencePath,
    query: ZPageQuery,
    responses: {
      200: {
        description: 'One page of agreements, newest first.',
        content: json(ZAgreementSummaryPage),
      },
    },
  },
  createCeremony: {
    description: 'Every agreement must belong to the conference (else 422).',
    path: ZConferencePath,
    body: ZCreateCeremony,
    bodyExample: {
      title: 'Signing ceremony of the XXIV Summit',
      place: 'Чолпон-Ата, Ruh Ordo',
      scheduledAt: '2022-07-26T15:00:00+06:00',
      agreementIds: ['01J0000000000000000000000A'],
    },
    responses: { 201: created('The ceremony.', ZCeremony) },
  },
  listCeremonies: {
    path: ZConferencePath,
    query: ZPageQuery,
    responses: {
      200: { description: 'One page of ceremonies, newest first.', content: json(ZCeremonyPage) },
    },
  },
  getAgreement: {
    description:
      'Each signatory carries its `standing` (none → signatory → contracting → party → denounced), `consent`, `inForceFor`, `markers` and `acts`, derived from its acts for `asOf` (today in the depositary’s calendar unless asked). `?asOf=` gives the agreement as it stood on that date (by act dates, corrections applied); `?asRecordedAt=` what the record said at that moment (events recorded up to then; 404 before the agreement was recorded). Both replay the agreement’s events.',
    path: ZAgreementPath,
    query: ZAgreementQuery,
    responses: { 200: versioned('The agreement.', ZAgreement) },
  },
  recordAct: {
    description:
      'Records an act of the party (VCLT arts. 11–18, 23, 24, 56, 65–68): `date` is when it happened, in the depositary’s calendar. Allowed when: `signature` (agreement open, party not signed), `signature-confirmation` (an ad referendum signature awaits it; it counts from the signature’s date), `ratification` / `acceptance` / `approval` (after a non-definitive signature), `accession` (without signature, also after closing), `succession`, `domestic-procedures-completed` (after signature), `provisional-application[-ended]`, `reservation` / `declaration` (`madeAt: signature` needs a signature; a reservation made at signature lapses when consent is given without a reservation made at consent that confirms it via `relatesTo`), `reservation-withdrawn`, `objection` (to another party’s reservation), `denunciation` (party in force; effective after the notice period), `decline`, `signature-withdrawn` (as the v1 routes), `correction` (supersedes an act of the party; the original stays, marked `correctedBy`). A state that forbids the act: 409 with the current standing; a reference to an act that does not fit, a date in the future or before 1900, or corrected fields that would make the act invalid: 422. Every act is an audit event (`ACT_RECORDED`, `data.act`) and takes the next depositary notification number of the year (`<prefix>/<yyyy>/<n>`).',
    path: ZSignatoryPath,
    body: ZRecordAct,
    bodyExample: {
      type: 'ratification',
      date: '2023-03-15',
      instrument: { reference: 'Law No. 123-VII' },
    },
    ifMatch: true,
    problems: [422],
    responses: {
      201: versioned(
        'The act (id `<agreementId>:<seq>`, notification number) and the signatory after it; `ETag` is the new version of the agreement.',
        ZActRecorded,
      ),
    },
  },
  getStatusChart: {
    description:
      'One row per party: signature, consent with its marker, entry into force for the party, markers and numbered notes. `Accept: text/csv` gives the rows as CSV. Takes `asOf` or `asRecordedAt` like the agreement.',
    path: ZAgreementPath,
    query: ZAgreementQuery,
    responses: {
      200: {
        description: 'The chart.',
        content: {
          'application/json': ZStatusChart,
          'text/csv': {
            raw: {
              type: 'string',
              description:
                'RFC 4180 with a header row: party, partyName, signature, consent, consentType, consentMarker, inForceFor, denouncedOn, markers, notes.',
            },
          },
        },
        headers: ['Vary', 'Content-Disposition'],
      },
    },
  },
  getStatusChartPdf: {
    description:
      'The chart as a landscape A4 PDF in the manner of the Council of Europe’s chart of signatures and ratifications (about 40 parties a page), with the entry-into-force rule in words and the notes. Takes `asOf` or `asRecordedAt`.',
    path: ZAgreementPath,
    query: ZAgreementQuery,
    ifNoneMatch: true,
    responses: pdf('status chart'),
  },
  listNotifications: {
    description:
      'Depositary notifications in number order, each year numbered from 1 without gaps. `from` and `to` are issue dates (inclusive); members see those of the agreements their party is in.',
    query: ZNotificationQuery,
    responses: {
      200: { description: 'One page of notifications.', content: json(ZNotificationPage) },
    },
  },
  openAgreement: {
    description: 'draft → open. Any other state is a 409.',
    path: ZAgreementPath,
    body: ZEmptyBody,
    bodyOptional: true,
    ifMatch: true,
    responses: { 200: versioned('The agreement, now open.', ZAgreement) },
  },
  closeAgreement: {
    description: 'open → closed. Any other state is a 409.',
    path: ZAgreementPath,
    body: ZEmptyBody,
    bodyOptional: true,
    ifMatch: true,
    responses: { 200: versioned('The agreement, now closed.', ZAgreement) },
  },
  recordSignature: signatoryChange(
    'pending → signed, or declined → signed. `signedAt` may not lie in the future (422).',
    201,
    ZRecordSignature,
    {
      signedBy: { name: 'Садыр Жапаров', title: 'Президент' },
      signedAt: '2022-07-26T15:30:00+06:00',
      place: 'Чолпон-Ата',
    },
  ),
  declineSignature: signatoryChange('pending → declined.', 200, ZDeclineSignature, {
    reason: 'Awaiting parliamentary approval',
  }),
  withdrawSignature: signatoryChange('signed → withdrawn.', 200, ZWithdrawSignature, {
    reason: 'Signature withdrawn by note verbale',
  }),
  getCeremony: {
    path: ZCeremonyPath,
    responses: { 200: versioned('The ceremony.', ZCeremony) },
  },
  getAgreementSummaryPdf: {
    path: ZAgreementPath,
    ifNoneMatch: true,
    responses: pdf('agreement'),
  },
  getCeremonySummaryPdf: {
    path: ZCeremonyPath,
    ifNoneMatch: true,
    responses: pdf('ceremony'),
  },
  getAgreementHistory: {
    description:
      'Three representations, chosen by `Accept`: `application/json` (default) is one page; `application/x-ndjson` is the whole history, one event per line exactly as stored (each line can be re-hashed: the verifiable export); `text/csv` is the whole history as a table (`data` as a JSON column). Exports ignore `limit` and `cursor`, and are 422 when too large for one download.',
    path: ZAgreementPath,
    query: ZHistoryQuery,
    problems: [422],
    responses: {
      200: {
        description: 'The history, oldest first.',
        content: {
          'application/json': ZAuditEventPage,
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
    description:
      'Recomputes every hash from the events as stored (never cached) and checks the chain ends at the head the agreement points at.',
    path: ZAgreementPath,
    responses: {
      200: { description: 'The verification result.', content: json(ZHistoryVerification) },
    },
  },
  queryAudit: {
    description:
      'Events of all agreements in the half-open window `from` ≤ at < `to`, oldest first. A page may hold fewer than `limit` events (even none) while `nextCursor` is not null: follow it until it is null.',
    query: ZAuditQuery,
    responses: { 200: { description: 'One page of events.', content: json(ZAuditEventPage) } },
  },
};

// ---------------------------------------------------------------------------
// Problems, from the problem table.

interface ProblemKindDoc {
  readonly name: string;
  readonly error: Error;
  readonly when: string;
  readonly headers?: readonly string[];
}

const PROBLEMS: Readonly<Record<ProblemStatus, ProblemKindDoc>> = {
  400: {
    name: 'BadRequest',
    error: new InvalidRequestError('The body is not valid.', [
      { path: 'venue.city', message: 'Invalid input: expected string, received undefined' },
      { path: 'startDate', message: 'Invalid ISO date' },
    ]),
    when: 'Malformed JSON, a schema violation (`errors` names each field), an unknown property, a bad query or path parameter, a bad cursor, a bad `Idempotency-Key` or `If-Match`.',
  },
  401: {
    name: 'Unauthenticated',
    error: new UnauthenticatedError('Send a bearer token: Authorization: Bearer <JWT>.'),
    when: 'No token, or one that is not valid (signature, issuer, audience, lifetime).',
    headers: ['WWW-Authenticate'],
  },
  403: {
    name: 'Forbidden',
    error: new ForbiddenError('The member role may not do this.'),
    when: 'The token’s role (or party) may not do this.',
  },
  404: {
    name: 'NotFound',
    error: new NotFoundError('Agreement not found.'),
    when: 'No such resource, or one the caller’s party may not see.',
  },
  405: {
    name: 'MethodNotAllowed',
    error: new MethodNotAllowedError(['GET']),
    when: 'A method this path does not support; `Allow` lists those it does.',
    headers: ['Allow'],
  },
  409: {
    name: 'Conflict',
    error: new ConflictError('Signatory KAZ is signed; it cannot decline.', {
      party: 'KAZ',
      status: 'signed',
    }),
    when: 'The current state does not allow the change (`current` tells it), a concurrent change won, or a request with the same `Idempotency-Key` is still in flight.',
  },
  412: {
    name: 'PreconditionFailed',
    error: new PreconditionFailedError('The agreement is at version 4, not 3.', 4),
    when: '`If-Match` named a version that is no longer current (`currentVersion`, and `ETag`, tell the current one).',
    headers: ['ETag'],
  },
  413: {
    name: 'PayloadTooLarge',
    error: new PayloadTooLargeError(
      `The body is 300000 bytes; at most ${MAX_BODY_BYTES} are accepted.`,
    ),
    when: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
  },
  415: {
    name: 'UnsupportedMediaType',
    error: new UnsupportedMediaTypeError('Send the body as application/json; charset=utf-8.'),
    when: 'A body that is not `application/json` (UTF-8).',
  },
  422: {
    name: 'Unprocessable',
    error: new UnprocessableError('The signatories do not fit the conference.', [
      { path: 'signatories.5.party', message: 'OTS is not a party of the conference' },
    ]),
    when: 'Well-formed but semantically wrong (a party not in the conference, a duplicate party, a signature in the future, an export too large), or an `Idempotency-Key` reused with another body.',
  },
  503: {
    name: 'ServiceUnavailable',
    error: new StorageUnavailableError('Storage is unavailable; retry later.', 2),
    when: 'Storage unavailable or throttled after retries. Nothing was written; retry after `Retry-After` seconds.',
    headers: ['Retry-After'],
  },
};

const PROBLEM_JSON = 'application/problem+json';

/** API Gateway's own error body (it answers some requests before any Lambda runs). */
const GATEWAY_MESSAGE: JsonSchema = {
  type: 'object',
  properties: { message: { type: 'string' } },
  required: ['message'],
};

function problemResponses(): Json {
  const responses: Json = {};
  for (const [statusText, kind] of Object.entries(PROBLEMS)) {
    const status = Number(statusText);
    const { problem } = toProblem(kind.error, '6f1f6a52-2c1b-4b8e-9a55-0c0a3c0e7d21');
    if (problem.status !== status)
      throw new Error(
        `The problem table maps ${kind.error.name} to ${problem.status}, not ${status}`,
      );
    const content: Json = {
      [PROBLEM_JSON]: {
        schema: {
          type: 'object',
          allOf: [{ $ref: `${SCHEMA_REF}Problem` }],
          properties: { type: { const: problem.type }, status: { const: status } },
        },
        example: problem,
      },
    };
    let headers = headerRefs(['X-Request-Id', ...(kind.headers ?? [])]);
    if (status === 401) {
      // In AWS the HTTP API's JWT authorizer refuses bad tokens itself, before
      // any handler runs, and its response cannot be customised.
      content['application/json'] = {
        schema: GATEWAY_MESSAGE,
        example: { message: 'Unauthorized' },
      };
      headers = { ...headers, 'X-Request-Id': { ...HEADERS['X-Request-Id'], required: false } };
    }
    responses[kind.name] = {
      description:
        status === 401
          ? `${problem.title}. ${kind.when} In AWS, API Gateway's JWT authorizer answers this itself: \`application/json\` \`{"message":"Unauthorized"}\`, without \`X-Request-Id\` (its request id is in \`apigw-requestid\`).`
          : `${problem.title}. ${kind.when}`,
      headers,
      content,
    };
  }
  responses.TooManyRequests = {
    description:
      'API Gateway throttled the request (stage-wide rate limits) before any handler ran. Retry with backoff.',
    content: {
      'application/json': { schema: GATEWAY_MESSAGE, example: { message: 'Too Many Requests' } },
    },
  };
  return responses;
}

/** The problems a route can answer with, from what it is and what it takes. */
export function problemStatusesOf(
  route: RouteDefinition,
  contract: OperationContract,
): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>(contract.problems ?? []);
  const post = route.method === 'POST';
  if (post || contract.path || contract.query || contract.body) statuses.add(400);
  if (route.roles !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  if (route.path.includes('{')) statuses.add(404);
  statuses.add(405);
  if (post) {
    // 409: state conflicts, lost races, an Idempotency-Key in flight; 422: a key reused.
    for (const status of [409, 413, 415, 422] as const) statuses.add(status);
  }
  if (contract.ifMatch) statuses.add(412);
  if (contract.storage !== false) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------
// Headers and parameters.

const HEADERS: Readonly<Record<string, Json>> = {
  'X-Request-Id': {
    description: 'Id of this request (also `requestId` in problem bodies, and in the logs).',
    required: true,
    schema: { type: 'string' },
  },
  ETag: {
    required: true,
    description:
      'The version of the resource (JSON: the version in quotes, `"3"`; PDF: a hash of its bytes).',
    schema: { type: 'string' },
  },
  Location: {
    description: 'URL path of the created resource.',
    required: true,
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description:
      '`true` when this is the stored response of an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', const: 'true' },
  },
  'Cache-Control': { required: true, schema: { type: 'string' } },
  'Content-Disposition': {
    description: 'The file name for a download.',
    schema: { type: 'string' },
  },
  'Content-Encoding': { schema: { type: 'string', const: 'gzip' } },
  Vary: { required: true, schema: { type: 'string' } },
  'X-Chain-Head-Seq': {
    description: 'Exports: `seq` of the chain head when the export began.',
    schema: { type: 'string', pattern: '^\\d+$' },
  },
  'X-Chain-Head-Hash': {
    description: 'Exports: `hash` of the chain head when the export began.',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  'WWW-Authenticate': { required: true, schema: { type: 'string' } },
  Allow: {
    description: 'The methods this path supports.',
    required: true,
    schema: { type: 'string' },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: { type: 'string', pattern: '^\\d+$' },
  },
};

const headerRefs = (names: readonly string[]): Json =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

const PARAMETERS: Readonly<Record<string, Json>> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a POST safe to retry: a retry with the same key and body gets the first response (with `Idempotent-Replayed: true`) without writing again, for at least 24 hours. The same key with another body is 422; while the first is in flight, 409.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'Apply only if the agreement is still at this version (its ETag, e.g. `"3"`); else 412.',
    schema: { type: 'string' },
    example: '"3"',
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'An ETag from an earlier response: 304 while it is still current.',
    schema: { type: 'string' },
  },
};

const PATH_PARAMETER_DESCRIPTIONS: Readonly<Record<string, string>> = {
  conferenceId: 'Id of the conference',
  agreementId: 'Id of the agreement',
  ceremonyId: 'Id of the ceremony',
  party: 'Party code of the signatory',
  asset: 'File name of the asset',
};

// ---------------------------------------------------------------------------
// zod → JSON Schema.

/**
 * Zod's date and date-time patterns spell out the calendar (leap years and
 * all) in some 500 characters; `format` says the same (RFC 3339 `date-time`
 * always carries an offset), so they are left out to keep the page readable.
 */
const isZodCalendarPattern = (schema: Json) =>
  (schema.format === 'date' || schema.format === 'date-time') &&
  typeof schema.pattern === 'string' &&
  schema.pattern.startsWith('^(?:(?:\\d\\d[2468][048]');

/** Tidies generated JSON Schema: JSON Schema's own `examples`, not OpenAPI's deprecated `example`. */
function tidy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(tidy);
  if (!schema || typeof schema !== 'object') return schema;
  const dropPattern = isZodCalendarPattern(schema as Json);
  const result: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'example') result.examples = [value];
    else if (!(key === 'pattern' && dropPattern)) result[key] = tidy(value);
  }
  return result;
}

const SCHEMA_REF = '#/components/schemas/';

/** Named schemas as components: nested named schemas become `$ref`s. */
function componentSchemas(
  named: Readonly<Record<string, z.ZodType>>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => SCHEMA_REF + id,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [
      id,
      tidy(schema) as JsonSchema,
    ]),
  );
}

/** An unnamed (parameter) schema, inline. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return tidy(rest) as JsonSchema;
}

function nameOf(schema: z.ZodType, named: Readonly<Record<string, z.ZodType>>): string {
  const entry = Object.entries(named).find(([, candidate]) => candidate === schema);
  if (!entry) throw new Error('A schema used by an operation is not a named component');
  return entry[0];
}

function parametersOf(schema: z.ZodType, location: 'path' | 'query'): Json[] {
  const json = inputSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...((description ?? PATH_PARAMETER_DESCRIPTIONS[name]) !== undefined && {
        description: description ?? PATH_PARAMETER_DESCRIPTIONS[name],
      }),
      schema: propertySchema,
    };
  });
}

function mediaObject(media: Media): Json {
  if ('raw' in media) return { schema: media.raw };
  return { schema: { $ref: SCHEMA_REF + nameOf(media, responseSchemas) } };
}

// ---------------------------------------------------------------------------
// The document.

const TAGS = [
  { name: 'Conferences', description: 'Summits and the parties attending them' },
  { name: 'Agreements', description: 'Documents to be signed, e.g. a Protocol of Intent' },
  { name: 'Signatories', description: 'Signatures, declines and withdrawals' },
  { name: 'Ceremonies', description: 'Signing ceremonies covering one or more agreements' },
  { name: 'PDF summaries', description: 'Printable, byte-stable summaries' },
  { name: 'Audit', description: 'Tamper-evident history, its verification and the audit query' },
  { name: 'Service', description: 'Health and this documentation (no token needed)' },
] as const;

function tagOf(path: string): (typeof TAGS)[number]['name'] {
  if (path.endsWith('.pdf')) return 'PDF summaries';
  if (path.includes('/history') || path.startsWith('/v1/audit')) return 'Audit';
  if (path.includes('/signatories/')) return 'Signatories';
  if (path.includes('/ceremonies')) return 'Ceremonies';
  if (path.includes('/agreements')) return 'Agreements';
  if (path.includes('/conferences')) return 'Conferences';
  return 'Service';
}

const DESCRIPTION = `Who signed which intergovernmental agreement, when, where and in what capacity.

**Authentication.** Send \`Authorization: Bearer <JWT>\` (a Cognito ID token; locally \`npm run --silent token -- --role secretariat\`). Roles come from \`cognito:groups\`: \`secretariat\` writes and reads everything, \`auditor\` reads everything including the audit trail, \`member\` (with \`custom:party\`) reads conferences and the agreements and ceremonies its party is a signatory of. Each operation lists the roles it admits.

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with the \`requestId\` of the request; schema violations name each field in \`errors\`.

**Retries and concurrency.** Any POST takes an \`Idempotency-Key\`; state-changing POSTs on an agreement take \`If-Match\` with its ETag. Of concurrent conflicting changes exactly one wins, the others get 409.

**Audit chain.** Each event's \`hash\` is the lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the event without \`hash\`; \`prevHash\` of event 1 is 64 zeros.

Timestamps are RFC 3339: any offset on input, UTC (\`Z\`) on output. Text is any Unicode, normalised to NFC.`;

function operationObject(route: RouteDefinition, contract: OperationContract): Json {
  const isPublic = route.roles === 'public';
  const parameters: Json[] = [
    ...(contract.path ? parametersOf(contract.path, 'path') : []),
    ...(contract.query ? parametersOf(contract.query, 'query') : []),
    ...(route.method === 'POST' ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
    ...(contract.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(contract.ifNoneMatch ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
  ];
  const declared = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const documented = parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (route.operation === 'getDocsAsset') {
    parameters.unshift({
      name: 'asset',
      in: 'path',
      required: true,
      description: PATH_PARAMETER_DESCRIPTIONS.asset,
      schema: { type: 'string', enum: [...DOCS_ASSETS] },
    });
    documented.push('asset');
  }
  if (declared.join() !== documented.join())
    throw new Error(`${route.operation}: path parameters ${documented} do not match ${route.path}`);

  const responses: Json = {};
  for (const [status, response] of Object.entries(contract.responses)) {
    const success = Number(status) < 300;
    responses[status] = {
      description: response.description,
      headers: headerRefs([
        'X-Request-Id',
        ...(response.headers ?? []),
        ...(route.method === 'POST' && success ? ['Idempotent-Replayed'] : []),
      ]),
      ...(response.content && {
        content: Object.fromEntries(
          Object.entries(response.content).map(([type, media]) => [type, mediaObject(media)]),
        ),
      }),
    };
  }
  for (const status of problemStatusesOf(route, contract)) {
    responses[status] = { $ref: `#/components/responses/${PROBLEMS[status].name}` };
  }
  responses[429] = { $ref: '#/components/responses/TooManyRequests' };

  const roles = isPublic ? 'none: public' : route.roles.map((role) => `\`${role}\``).join(', ');
  return {
    operationId: route.operation,
    summary: route.summary,
    description: [contract.description, `**Roles:** ${roles}.`].filter(Boolean).join('\n\n'),
    tags: [tagOf(route.path)],
    security: isPublic ? [] : [{ bearerAuth: [] }],
    ...(parameters.length > 0 && { parameters }),
    ...(contract.body && {
      requestBody: {
        required: !contract.bodyOptional,
        content: {
          'application/json': {
            schema: { $ref: SCHEMA_REF + nameOf(contract.body, requestBodySchemas) },
            ...(contract.bodyExample !== undefined && { example: contract.bodyExample }),
          },
        },
      },
    }),
    responses,
  };
}

export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const contract = operationContracts[route.operation];
    if (!contract) throw new Error(`No OpenAPI contract for operation ${route.operation}`);
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationObject(route, contract);
  }
  const unrouted = Object.keys(operationContracts).filter(
    (operation) => !routes.some((route) => route.operation === operation),
  );
  if (unrouted.length > 0) throw new Error(`Contracts without a route: ${unrouted.join(', ')}`);

  const responses = componentSchemas(responseSchemas, 'output');
  const requests = componentSchemas(requestBodySchemas, 'input');
  const clash = Object.keys(requests).filter((name) => name in responses);
  if (clash.length > 0) throw new Error(`Schema names used twice: ${clash.join(', ')}`);

  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: { title: 'Signing tracker API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: '/', description: 'This deployment' }],
    security: [{ bearerAuth: [] }],
    tags: TAGS,
    paths,
    components: {
      schemas: { ...responses, ...requests },
      responses: problemResponses(),
      parameters: PARAMETERS,
      headers: HEADERS,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito ID token of the API’s user pool (locally: `npm run --silent token -- --role <role>`).',
        },
      },
    },
  };
}

let cached: Json | undefined;

/** The document, built once per process. */
export function openApiDocument(): Json {
  cached ??= buildOpenApiDocument();
  return cached;
}
