import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../../shared/contract/routes.js';
import type { Operation } from '../../shared/http/operation.js';
import { findSeals } from '../../shared/seal/seal-check.js';
import { verificationCodeOfReason } from '../../shared/seal/sealer.js';
import {
  agreementBody,
  ceremonyBody,
  conferenceBody,
  REPRESENTATIVES,
  sha256,
  signatureBody,
  TURKIC_PARTIES,
} from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

/**
 * The published contract against the running API: the served document is
 * valid OpenAPI 3.1 and covers the route table, and real responses (status,
 * content type, body, required headers) are what it documents.
 */

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = Record<string, any>;

const api = useTestApi();
let doc: Json;
let ajv: Ajv2020;
const exercised = new Set<string>();

const COMPONENTS_ID = 'urn:signing-tracker:openapi-components';

/** `#/components/schemas/X` → the same schema inside one Ajv schema of all components. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${inner.slice('#/components/schemas/'.length)}`
        : rewriteRefs(inner),
    ]),
  );
}

const resolve = (object: Json): Json => {
  if (typeof object.$ref !== 'string') return object;
  const target = object.$ref
    .slice(2)
    .split('/')
    .reduce((node: Json | undefined, key: string) => node?.[key], doc);
  if (!target) throw new Error(`Unresolved ${object.$ref}`);
  return target;
};

const compiled = new Map<unknown, ValidateFunction>();
function validatorFor(schema: Json): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema) as Json);
    compiled.set(schema, validate);
  }
  return validate;
}

function operationById(operationId: string): Json {
  for (const item of Object.values(doc.paths as Json)) {
    for (const operation of Object.values(item as Json)) {
      if ((operation as Json).operationId === operationId) return operation as Json;
    }
  }
  throw new Error(`No operation ${operationId} in the document`);
}

interface Observed {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string;
  readonly bytes: Uint8Array;
  readonly text: string;
}

const isJson = (contentType: string) => /^application\/(?:[\w.-]+\+)?json$/.test(contentType);

/** Status → documented response; content type → schema; required headers present. */
function expectDocumented(operationId: string, response: Observed): void {
  const where = `${operationId} → ${response.status} ${response.contentType}`;
  const documented = operationById(operationId).responses[String(response.status)];
  expect(documented, `${where}: status not documented`).toBeDefined();
  const described = resolve(documented);
  for (const [name, header] of Object.entries((described.headers ?? {}) as Json)) {
    if (resolve(header).required)
      expect(response.headers.has(name), `${where}: header ${name}`).toBe(true);
  }
  if (!described.content) {
    expect(response.bytes.length, `${where}: no body documented`).toBe(0);
  } else {
    const media = described.content[response.contentType];
    expect(media, `${where}: content type not documented`).toBeDefined();
    const schema = media.schema as Json;
    if (schema.format !== 'binary') {
      const validate = validatorFor(schema);
      const body = isJson(response.contentType) ? JSON.parse(response.text) : response.text;
      expect(validate(body), `${where}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  }
  exercised.add(operationId);
}

interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly rawBody?: string | Uint8Array;
  readonly headers?: Record<string, string>;
}

/** One request over HTTP, checked against the document; its JSON body parsed. */
async function call(
  operationId: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Observed & { body: any }> {
  const payload =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(api.url + path, {
    method,
    headers: {
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(payload !== undefined && { body: payload }),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const text = new TextDecoder().decode(bytes);
  const observed = { status: response.status, headers: response.headers, contentType, bytes, text };
  expectDocumented(operationId, observed);
  return { ...observed, body: isJson(contentType) ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  const served = await api.request('GET', '/v1/openapi.json');
  expect(served.status).toBe(200);
  doc = served.body;
  ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components.schemas) as Json });
});

describe('the served OpenAPI document', () => {
  test('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  test('has exactly the operations of the route table (method, path, operationId)', () => {
    const documented = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).map(
        ([method, operation]) =>
          `${method.toUpperCase()} ${path} ${(operation as Json).operationId}`,
      ),
    );
    const table = routes.map((route) => `${route.method} ${route.path} ${route.operation}`);
    expect(documented.sort()).toEqual([...table].sort());
    for (const route of routes) {
      const operation = doc.paths[route.path][route.method.toLowerCase()];
      expect(operation.summary).toBe(route.summary);
      expect(operation.security).toEqual(route.roles === 'public' ? [] : [{ bearerAuth: [] }]);
      if (route.method === 'POST')
        expect(operation.parameters).toContainEqual({
          $ref: '#/components/parameters/IdempotencyKey',
        });
    }
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  test('problem examples match their own schemas', () => {
    for (const [name, response] of Object.entries(doc.components.responses as Json)) {
      for (const media of Object.values((response as Json).content as Json)) {
        const validate = validatorFor((media as Json).schema);
        expect(
          validate((media as Json).example),
          `${name}: ${ajv.errorsText(validate.errors)}`,
        ).toBe(true);
      }
    }
  });
});

describe('real responses match the document', () => {
  /** `call`, expecting `status`. */
  async function expectCall(status: number, ...args: Parameters<typeof call>) {
    const response = await call(...args);
    expect(response.status, `${args[1]} ${args[2]}: ${response.text.slice(0, 300)}`).toBe(status);
    return response;
  }

  test('a small ceremony, its reads, exports, PDFs, problems and the public routes', async () => {
    const secretariat = await api.token('secretariat');
    const auditor = await api.token('auditor');
    const member = await api.token('member', 'KAZ');
    const asSecretariat = { token: secretariat };
    const parties = [...TURKIC_PARTIES, { code: 'OTS', name: 'Türk Devletleri Teşkilatı' }];

    await expectCall(200, 'getHealth', 'GET', '/v1/health');

    // A conference (and an idempotent replay of its creation), two agreements, a ceremony.
    const createConference = {
      ...asSecretariat,
      body: conferenceBody(parties),
      headers: { 'idempotency-key': 'openapi-conference-1' },
    };
    const conference = await expectCall(
      201,
      'createConference',
      'POST',
      '/v1/conferences',
      createConference,
    );
    const replay = await expectCall(
      201,
      'createConference',
      'POST',
      '/v1/conferences',
      createConference,
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const conferenceId = conference.body.id as string;
    const agreements = `/v1/conferences/${conferenceId}/agreements`;

    const protocol = await expectCall(201, 'createAgreement', 'POST', agreements, {
      ...asSecretariat,
      body: agreementBody(['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'], {
        signatories: ['AZE', 'KAZ', 'KGZ', 'TUR', 'UZB'].map((party) => ({
          party,
          representative: REPRESENTATIVES[party],
        })),
        entryIntoForce: { rule: 'count', count: 2 },
      }),
    });
    const agreementId = protocol.body.id as string;
    await expectCall(200, 'openAgreement', 'POST', `/v1/agreements/${agreementId}/open`, {
      ...asSecretariat,
      headers: { 'if-match': '"1"' },
    });
    const memorandum = await expectCall(201, 'createAgreement', 'POST', agreements, {
      ...asSecretariat,
      body: agreementBody(['AZE', 'OTS'], {
        title: 'Memorandum on the Turkic Investment Fund',
        documentSha256: sha256('Memorandum'),
        open: true,
      }),
    });
    const memorandumId = memorandum.body.id as string;
    const ceremony = await expectCall(
      201,
      'createCeremony',
      'POST',
      `/v1/conferences/${conferenceId}/ceremonies`,
      {
        ...asSecretariat,
        body: ceremonyBody([agreementId, memorandumId]),
      },
    );
    const ceremonyId = ceremony.body.id as string;

    // Signatory changes.
    const signatory = (party: string, action: string) =>
      `/v1/agreements/${agreementId}/signatories/${party}/${action}`;
    for (const party of ['AZE', 'KAZ', 'TUR']) {
      await expectCall(201, 'recordSignature', 'POST', signatory(party, 'signature'), {
        ...asSecretariat,
        body: signatureBody(party, { ceremonyId }),
      });
    }
    await expectCall(200, 'declineSignature', 'POST', signatory('KGZ', 'decline'), {
      ...asSecretariat,
      body: { reason: 'Ratification pending' },
    });
    await expectCall(200, 'withdrawSignature', 'POST', signatory('TUR', 'withdrawal'), {
      ...asSecretariat,
      body: { reason: 'Note verbale of 1 August' },
    });
    await expectCall(
      200,
      'closeAgreement',
      'POST',
      `/v1/agreements/${memorandumId}/close`,
      asSecretariat,
    );

    // Reads, as each role.
    const agreement = await expectCall(
      200,
      'getAgreement',
      'GET',
      `/v1/agreements/${agreementId}`,
      {
        token: member,
      },
    );
    expect(agreement.body.signatories.map((s: Json) => s.status)).toEqual([
      'signed',
      'signed',
      'declined',
      'withdrawn',
      'pending',
    ]);
    await expectCall(200, 'getConference', 'GET', `/v1/conferences/${conferenceId}`, {
      token: member,
    });
    await expectCall(200, 'getCeremony', 'GET', `/v1/ceremonies/${ceremonyId}`, { token: auditor });
    const firstPage = await expectCall(200, 'listConferences', 'GET', '/v1/conferences?limit=1', {
      token: auditor,
    });
    expect(firstPage.body.items).toHaveLength(1);
    const memberAgreements = await expectCall(200, 'listAgreements', 'GET', agreements, {
      token: member,
    });
    expect(memberAgreements.body.items).toHaveLength(1);
    await expectCall(
      200,
      'listCeremonies',
      'GET',
      `/v1/conferences/${conferenceId}/ceremonies`,
      asSecretariat,
    );

    // History in its three representations, its verification, the audit query.
    const history = `/v1/agreements/${agreementId}/history`;
    const page = await expectCall(200, 'getAgreementHistory', 'GET', `${history}?limit=3`, {
      token: auditor,
    });
    expect(page.body.items).toHaveLength(3);
    const ndjson = await expectCall(200, 'getAgreementHistory', 'GET', history, {
      token: auditor,
      headers: { accept: 'application/x-ndjson' },
    });
    const lines = ndjson.text.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    const validateEvent = validatorFor({ $ref: '#/components/schemas/AuditEvent' });
    for (const line of lines)
      expect(validateEvent(JSON.parse(line)), ajv.errorsText(validateEvent.errors)).toBe(true);
    const csv = await expectCall(200, 'getAgreementHistory', 'GET', history, {
      token: auditor,
      headers: { accept: 'text/csv' },
    });
    expect(csv.text).toMatch(/^seq,at,action,/);
    const verification = await expectCall(
      200,
      'verifyAgreementHistory',
      'GET',
      `${history}/verification`,
      {
        token: auditor,
      },
    );
    expect(verification.body).toMatchObject({ valid: true, eventCount: 7 });
    const declines = await expectCall(
      200,
      'queryAudit',
      'GET',
      '/v1/audit?action=SIGNATURE_DECLINED',
      {
        token: auditor,
      },
    );
    expect(declines.body.items).toHaveLength(1);

    // PDFs, and 304 for the current ETag.
    for (const [operationId, path] of [
      ['getAgreementSummaryPdf', `/v1/agreements/${agreementId}/summary.pdf`],
      ['getCeremonySummaryPdf', `/v1/ceremonies/${ceremonyId}/summary.pdf`],
    ] as const) {
      const pdf = await expectCall(200, operationId, 'GET', path, { token: member });
      expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
      await expectCall(304, operationId, 'GET', path, {
        token: member,
        headers: { 'if-none-match': pdf.headers.get('etag')! },
      });
      // Public verification of that very file: by its code, and by upload.
      const code = verificationCodeOfReason(findSeals(pdf.bytes).at(-1)!.reason!)!;
      const byCode = await expectCall(200, 'getVerification', 'GET', `/v1/verifications/${code}`);
      expect(byCode.body.genuine).toBe(true);
      const byUpload = await expectCall(200, 'verifyUpload', 'POST', '/v1/verifications', {
        rawBody: pdf.bytes,
        headers: { 'content-type': 'application/pdf' },
      });
      expect(byUpload.body).toMatchObject({ genuine: true, sealValid: true });
    }
    await expectCall(404, 'getVerification', 'GET', '/v1/verifications/NOT-ISSUED');
    await expectCall(404, 'verifyUpload', 'POST', '/v1/verifications', {
      rawBody: '%PDF-1.7 not ours',
      headers: { 'content-type': 'application/pdf' },
    });
    await expectCall(200, 'getSealCertificate', 'GET', '/v1/seal/certificate.pem');

    // Acts, the agreement at a point in time, the status chart and the notifications.
    const recorded = await expectCall(201, 'recordAct', 'POST', signatory('AZE', 'acts'), {
      ...asSecretariat,
      body: { type: 'declaration', date: '2022-07-26', madeAt: 'signature', text: 'Declared.' },
    });
    expect(recorded.body.act.notification).toMatch(/^DN\/\d{4}\/\d+$/);
    await expectCall(
      200,
      'getAgreement',
      'GET',
      `/v1/agreements/${agreementId}?asOf=2022-07-26`,
      asSecretariat,
    );
    const chart = `/v1/agreements/${agreementId}/status-chart`;
    await expectCall(200, 'getStatusChart', 'GET', chart, { token: member });
    await expectCall(200, 'getStatusChart', 'GET', chart, {
      token: member,
      headers: { accept: 'text/csv' },
    });
    const chartPdf = await expectCall(200, 'getStatusChartPdf', 'GET', `${chart}.pdf`, {
      token: member,
    });
    await expectCall(304, 'getStatusChartPdf', 'GET', `${chart}.pdf`, {
      token: member,
      headers: { 'if-none-match': chartPdf.headers.get('etag')! },
    });
    await expectCall(200, 'listNotifications', 'GET', '/v1/notifications', { token: auditor });

    // Problems: each with its documented status, type and schema.
    const tooLarge = JSON.stringify({ ...conferenceBody(), name: 'x'.repeat(300_000) });
    const problems: [number, string, string, string, CallOptions][] = [
      [
        400,
        'createConference',
        'POST',
        '/v1/conferences',
        { ...asSecretariat, body: { name: 'x', surprise: 1 } },
      ],
      [400, 'listConferences', 'GET', '/v1/conferences?limit=0', asSecretariat],
      [
        403,
        'createConference',
        'POST',
        '/v1/conferences',
        { token: member, body: conferenceBody() },
      ],
      [404, 'getAgreement', 'GET', '/v1/agreements/01NOPE', asSecretariat],
      [404, 'getAgreement', 'GET', `/v1/agreements/${memorandumId}`, { token: member }],
      [405, 'listConferences', 'DELETE', '/v1/conferences', asSecretariat],
      [
        409,
        'declineSignature',
        'POST',
        signatory('AZE', 'decline'),
        { ...asSecretariat, body: {} },
      ],
      [
        412,
        'closeAgreement',
        'POST',
        `/v1/agreements/${agreementId}/close`,
        { ...asSecretariat, headers: { 'if-match': '"1"' } },
      ],
      [
        413,
        'createConference',
        'POST',
        '/v1/conferences',
        { ...asSecretariat, rawBody: tooLarge, headers: { 'content-type': 'application/json' } },
      ],
      [
        415,
        'createConference',
        'POST',
        '/v1/conferences',
        { ...asSecretariat, rawBody: 'name=x', headers: { 'content-type': 'text/plain' } },
      ],
      [
        422,
        'createAgreement',
        'POST',
        agreements,
        { ...asSecretariat, body: agreementBody(['AZE', 'ARM']) },
      ],
    ];
    for (const [status, operationId, method, path, options] of problems) {
      const problem = await expectCall(status, operationId, method, path, options);
      expect(problem.contentType).toBe('application/problem+json');
    }
    // No token: the gateway's JWT authorizer answers, as documented beside the problem.
    const refused = await expectCall(401, 'listConferences', 'GET', '/v1/conferences', {});
    expect(refused.contentType).toBe('application/json');

    // The public documentation routes.
    const document = await expectCall(200, 'getOpenApiDocument', 'GET', '/v1/openapi.json');
    await expectCall(304, 'getOpenApiDocument', 'GET', '/v1/openapi.json', {
      headers: { 'if-none-match': document.headers.get('etag')! },
    });
    const page200 = await expectCall(200, 'getDocsPage', 'GET', '/docs');
    expect(page200.text).toContain('<div id="swagger-ui">');
    for (const asset of [
      'swagger-ui.css',
      'swagger-ui-bundle.js',
      'swagger-initializer.js',
      'favicon-32x32.png',
    ]) {
      await expectCall(200, 'getDocsAsset', 'GET', `/docs/${asset}`);
    }
    await expectCall(404, 'getDocsAsset', 'GET', '/docs/..%2Fpackage.json');
    await expectCall(404, 'getDocsAsset', 'GET', '/docs/swagger-ui-bundle.js.map');

    // Every operation of the route table was checked against the document at least once.
    expect(routes.map((route) => route.operation).filter((id) => !exercised.has(id))).toEqual([]);
  });
});

// After the requests above, so that the function modules are already loaded.
describe('the operation contracts', () => {
  test('every operation serves the very route entry the document is built from (no drift)', async () => {
    // Every `...Operation` export of functions/operations, keyed by operationId.
    const dir = fileURLToPath(new URL('../../functions/operations/', import.meta.url));
    const operations = new Map<string, Operation>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const module = (await import(/* @vite-ignore */ join(dir, file))) as Json;
      for (const [name, value] of Object.entries(module)) {
        if (!name.endsWith('Operation')) continue;
        // Factories take their dependencies; routes do not depend on them.
        const operation = (typeof value === 'function' ? value({}) : value) as Operation;
        operations.set(name.slice(0, -'Operation'.length), operation);
      }
    }
    for (const route of routes) {
      const operation = operations.get(route.operation);
      expect(operation, `operation ${route.operation}`).toBeDefined();
      // Validation reads the schemas of `operation.route`; the document those of `route`.
      expect(operation!.route === route, `${route.operation} route entry`).toBe(true);
      const request = route.request;
      if (request?.bodyExample !== undefined) {
        const parsed = request.body!.safeParse(request.bodyExample);
        expect(parsed.success, `${route.operation} example: ${parsed.error?.message}`).toBe(true);
      }
    }
  });
});
