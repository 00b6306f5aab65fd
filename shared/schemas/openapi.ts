import * as z from 'zod';
import type { JsonSchema, Media, ProblemStatus, RouteContract } from '../contract/route.js';
import { TAGS } from '../contract/route.js';
import { routes } from '../contract/routes.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UnprocessableError,
} from '../domain/errors.js';
import { IntegrityError } from '../domain/record-integrity.js';
import {
  MethodNotAllowedError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../http/errors.js';
import { toProblem } from '../http/problem.js';
import { MAX_BODY_BYTES } from '../http/request-guards.js';
import {
  ZCreateAgreement,
  ZCreateCeremony,
  ZCreateConference,
  ZDeclineSignature,
  ZEmptyBody,
  ZRecordAct,
  ZRecordSignature,
  ZWithdrawSignature,
} from './commands.js';
import { responseSchemas } from './responses.js';

/**
 * The OpenAPI 3.1 document of this API, generated, never written by hand,
 * from the route table (`shared/contract/routes.ts`):
 *
 *  - paths, methods, operationIds, summaries, descriptions, tags, roles,
 *    public/secured and conditional headers from each route's entry;
 *  - path and query parameters and request bodies from the zod schemas the
 *    Middy stack validates with (`requests.ts`, `audit.ts`), as JSON Schema
 *    draft 2020-12 (`io: 'input'`: what a client may send);
 *  - response bodies from `responses.ts` by the names the entries give
 *    (`io: 'output'`: what the server sends);
 *  - problem responses from the problem table (`shared/http/problem.ts`): each
 *    status's `type` and `title` come from `toProblem` itself.
 *
 * `tests/integration/openapi.test.ts` checks that real responses validate
 * against the document.
 */

type Json = Record<string, unknown>;

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
    when: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB (a PDF upload: 10 MB).`,
  },
  415: {
    name: 'UnsupportedMediaType',
    error: new UnsupportedMediaTypeError('Send the body as application/json; charset=utf-8.'),
    when: 'A body that is not `application/json` (UTF-8), or an upload that is not `application/pdf`.',
  },
  422: {
    name: 'Unprocessable',
    error: new UnprocessableError('The signatories do not fit the conference.', [
      { path: 'signatories.5.party', message: 'OTS is not a party of the conference' },
    ]),
    when: 'Well-formed but semantically wrong (a party not in the conference, a duplicate party, a signature in the future, an export too large), or an `Idempotency-Key` reused with another body.',
  },
  500: {
    name: 'IntegrityFailure',
    error: new IntegrityError('01G8Y6Z0R5AGREEMENT0000000', 4, 'chain'),
    when: 'The stored record and its audit chain disagree (changed behind the API): no summary is issued, and operators are alerted.',
  },
  503: {
    name: 'ServiceUnavailable',
    error: new ServiceUnavailableError('Storage is unavailable; retry later.', 2),
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
export function problemStatusesOf(route: RouteContract): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>(route.problems ?? []);
  const post = route.method === 'POST';
  const request = route.request;
  if (post || request?.path || request?.query || request?.body) statuses.add(400);
  if (route.roles !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  if (route.path.includes('{')) statuses.add(404);
  statuses.add(405);
  if (post) {
    // 409: state conflicts, lost races, an Idempotency-Key in flight; 422: a key reused.
    // An upload (raw body) changes nothing, so has neither (a retry simply gets the same answer).
    const kinds = request?.rawBody ? ([413, 415] as const) : ([409, 413, 415, 422] as const);
    for (const status of kinds) statuses.add(status);
  }
  if (route.conditional?.ifMatch) statuses.add(412);
  if (route.storage !== false) statuses.add(503);
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
  if (typeof media !== 'string') return { schema: media.raw };
  if (!Object.hasOwn(responseSchemas, media)) throw new Error(`No response schema ${media}`);
  return { schema: { $ref: SCHEMA_REF + media } };
}

// ---------------------------------------------------------------------------
// The document.

const DESCRIPTION = `Who signed which intergovernmental agreement, when, where and in what capacity.

**Authentication.** Send \`Authorization: Bearer <JWT>\` (a Cognito ID token; locally \`npm run --silent token -- --role secretariat\`). Roles come from \`cognito:groups\`: \`secretariat\` writes and reads everything, \`auditor\` reads everything including the audit trail, \`member\` (with \`custom:party\`) reads conferences and the agreements and ceremonies its party is a signatory of. Each operation lists the roles it admits.

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with the \`requestId\` of the request; schema violations name each field in \`errors\`.

**Retries and concurrency.** Any POST takes an \`Idempotency-Key\`; state-changing POSTs on an agreement take \`If-Match\` with its ETag. Of concurrent conflicting changes exactly one wins, the others get 409.

**Audit chain.** Each event's \`hash\` is the lowercase hex SHA-256 of the RFC 8785 (JCS) canonical JSON of the event without \`hash\`; \`prevHash\` of event 1 is 64 zeros.

Timestamps are RFC 3339: any offset on input, UTC (\`Z\`) on output. Text is any Unicode, normalised to NFC.`;

function operationObject(route: RouteContract): Json {
  const isPublic = route.roles === 'public';
  const request = route.request ?? {};
  const parameters: Json[] = [
    ...Object.entries(request.pathParameters ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      description: PATH_PARAMETER_DESCRIPTIONS[name],
      schema,
    })),
    ...(request.path ? parametersOf(request.path, 'path') : []),
    ...(request.query ? parametersOf(request.query, 'query') : []),
    ...(route.method === 'POST' ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
    ...(route.conditional?.ifMatch ? [{ $ref: '#/components/parameters/IfMatch' }] : []),
    ...(route.conditional?.ifNoneMatch ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
  ];
  const declared = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const documented = parameters.filter((p) => p.in === 'path').map((p) => p.name);
  if (declared.join() !== documented.join())
    throw new Error(`${route.operation}: path parameters ${documented} do not match ${route.path}`);

  const responses: Json = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const success = Number(status) < 300;
    responses[status] = {
      description: response.description,
      headers: headerRefs([
        'X-Request-Id',
        ...(response.headers ?? []),
        ...(route.method === 'POST' && !request.rawBody && success ? ['Idempotent-Replayed'] : []),
      ]),
      ...(response.content && {
        content: Object.fromEntries(
          Object.entries(response.content).map(([type, media]) => [type, mediaObject(media)]),
        ),
      }),
    };
  }
  for (const status of problemStatusesOf(route)) {
    responses[status] = { $ref: `#/components/responses/${PROBLEMS[status].name}` };
  }
  responses[429] = { $ref: '#/components/responses/TooManyRequests' };

  const roles = isPublic ? 'none: public' : route.roles.map((role) => `\`${role}\``).join(', ');
  return {
    operationId: route.operation,
    summary: route.summary,
    description: [route.description, `**Roles:** ${roles}.`].filter(Boolean).join('\n\n'),
    tags: [route.tag],
    security: isPublic ? [] : [{ bearerAuth: [] }],
    ...(parameters.length > 0 && { parameters }),
    ...(request.rawBody && {
      requestBody: {
        required: true,
        description: request.rawBody.description,
        content: {
          [request.rawBody.mediaType]: {
            schema: {
              type: 'string',
              format: 'binary',
              contentMediaType: request.rawBody.mediaType,
            },
          },
        },
      },
    }),
    ...(request.body && {
      requestBody: {
        required: !request.bodyOptional,
        content: {
          'application/json': {
            schema: { $ref: SCHEMA_REF + nameOf(request.body, requestBodySchemas) },
            ...(request.bodyExample !== undefined && { example: request.bodyExample }),
          },
        },
      },
    }),
    responses,
  };
}

export function buildOpenApiDocument(table: readonly RouteContract[] = routes): Json {
  const paths: Record<string, Json> = {};
  for (const route of table) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationObject(route);
  }

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
