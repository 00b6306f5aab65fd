import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../../shared/contract/routes.js';
import {
  agreementBody,
  conferenceBody,
  openAgreement,
  signatureBody,
} from '../helpers/fixtures.js';
import { startTestApi, type TestApi } from '../helpers/test-api.js';

/**
 * Thousands of generated requests at the live local server: none may get a
 * 5xx, every error must be a problem document, and no rejected request may
 * change what the table holds.
 */
let api: TestApi;
let db: DynamoDBClient;
let ids: { conferenceId: string; agreementId: string };
let tokens: Record<string, string>;

beforeAll(async () => {
  api = await startTestApi();
  db = new DynamoDBClient({
    endpoint: api.dynamoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  ids = await openAgreement(api);
  tokens = {
    secretariat: await api.token('secretariat'),
    auditor: await api.token('auditor'),
    member: await api.token('member', 'AZE'),
    outsider: await api.token('member', 'RUS'),
    expired: await api.local.issuer.mint({ role: 'secretariat', ttlSeconds: -60 }),
  };
});
afterAll(async () => {
  db.destroy();
  await api.close();
});

async function itemCount(): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, never> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: api.tableName, Select: 'COUNT', ExclusiveStartKey }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);
  return count;
}

const segment = fc.oneof(
  fc.constantFrom(
    'AZE',
    'KAZ',
    'RUS',
    '..',
    '%00',
    '%2F',
    '%ZZ',
    'İstanbul',
    'Қ',
    '{party}',
    ' ',
    'a'.repeat(300),
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const pathArbitrary = fc.oneof(
  fc.constantFrom(...routes.map((r) => r.path)).chain((template) =>
    fc
      .tuple(fc.constant(template), fc.array(segment, { minLength: 4, maxLength: 4 }), fc.boolean())
      .map(([t, values, realIds]) => {
        let i = 0;
        return t.replace(/\{(\w+)\}/g, (_match, name: string) => {
          if (realIds && name === 'conferenceId') return ids.conferenceId;
          if (realIds && name === 'agreementId') return ids.agreementId;
          return encodeURIComponent(values[i++] ?? 'x');
        });
      }),
  ),
  fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.map(encodeURIComponent).join('/')}`),
);

const queryArbitrary = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('limit', 'cursor', 'from', 'to', 'action', 'party', 'actor', 'x'),
      fc.string({ maxLength: 30 }),
      { maxKeys: 3 },
    )
    .map((query) => `?${new URLSearchParams(query).toString()}`),
);

const mutated = (base: Record<string, unknown>) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(base), 'status', 'version', 'seq', 'extra'),
      fc.anything({ maxDepth: 2 }),
    )
    .map(([key, value]) => ({ ...base, [key]: value }));

const bodyArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 50 }),
  fc.json({ maxDepth: 3 }),
  mutated(conferenceBody() as unknown as Record<string, unknown>).map((b) => JSON.stringify(b)),
  mutated(agreementBody(['AZE', 'ZZZ']) as unknown as Record<string, unknown>).map((b) =>
    JSON.stringify(b),
  ),
  mutated(signatureBody('AZE', { signedAt: '2999-01-01T00:00:00Z' })).map((b) => JSON.stringify(b)),
  fc.constant(JSON.stringify({ reason: 'x'.repeat(300_000) })),
  fc.constant('{"a":'),
);

const headerValue = fc.string({
  maxLength: 40,
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_/;=." *'.split('')),
});

const requestArbitrary = fc.record({
  method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: pathArbitrary,
  query: queryArbitrary,
  body: bodyArbitrary,
  token: fc.constantFrom(
    'secretariat',
    'auditor',
    'member',
    'outsider',
    'expired',
    'garbage',
    'none',
  ),
  contentType: fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/xml',
      undefined,
    ),
    headerValue,
  ),
  ifMatch: fc.option(headerValue, { nil: undefined }),
  idempotencyKey: fc.option(headerValue, { nil: undefined }),
});

type Fuzzed = typeof requestArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function send(request: Fuzzed) {
  const authorization =
    request.token === 'none'
      ? undefined
      : request.token === 'garbage'
        ? 'Bearer eyJhbGciOiJub25lIn0.e30.'
        : `Bearer ${tokens[request.token]}`;
  const response = await fetch(api.url + request.path + request.query, {
    method: request.method,
    headers: {
      ...(authorization && { authorization }),
      ...(request.contentType && { 'content-type': request.contentType }),
      ...(request.ifMatch && { 'if-match': request.ifMatch }),
      ...(request.idempotencyKey && { 'idempotency-key': request.idempotencyKey }),
    },
    ...(request.body !== undefined && request.method !== 'GET' && { body: request.body }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

describe('hostile input', () => {
  test('2,000 generated requests: no 5xx, every error a problem document, rejected requests write nothing', async () => {
    const batches = fc.sample(fc.array(requestArbitrary, { minLength: 100, maxLength: 100 }), {
      numRuns: 20,
      seed: 20221126,
    });
    let sent = 0;
    for (const batch of batches) {
      const before = await itemCount();
      const results = [];
      for (let i = 0; i < batch.length; i += 10) {
        results.push(...(await Promise.all(batch.slice(i, i + 10).map(send))));
      }
      sent += results.length;
      for (const [index, result] of results.entries()) {
        const request = batch[index]!;
        expect(
          result.status,
          `${request.method} ${request.path}${request.query} → ${result.text.slice(0, 200)}`,
        ).toBeLessThan(500);
        if (result.status >= 400 && result.type === 'application/json') {
          // The gateway's JWT authorizer refused the token, before any handler (as in AWS).
          expect(result.status).toBe(401);
          expect(JSON.parse(result.text)).toEqual({ message: 'Unauthorized' });
        } else if (result.status >= 400) {
          expect(result.type).toContain('application/problem+json');
          const problem = JSON.parse(result.text);
          expect(problem).toMatchObject({
            status: result.status,
            type: expect.any(String),
            title: expect.any(String),
            detail: expect.any(String),
            requestId: expect.any(String),
          });
        }
      }
      const wrote = results.some(
        (result, index) => batch[index]!.method === 'POST' && result.status < 300,
      );
      if (!wrote) expect(await itemCount()).toBe(before);
    }
    expect(sent).toBe(2_000);
  });
});
