import { beforeAll, describe, expect, test, vi } from 'vitest';
import { readsRoutes } from '../../../shared/contract/routes/reads.js';
import { writesRoutes } from '../../../shared/contract/routes/writes.js';
import { SUMMIT_PARTIES, summitConference } from '../../../shared/contract/summit.js';
import { MAX_BODY_BYTES } from '../../../shared/http/request-guards.js';
import { apiEvent, claimsOf, type EventInput, invoke } from '../../helpers/apigw.js';

/**
 * The HTTP stack in-process: the real Lambda handlers of the writes, reads
 * and public functions, called with synthetic API Gateway v2.0 events, on
 * the in-memory store (and idempotency records in a Map). Routing, guards, the problem table, conditional
 * requests and idempotency, in milliseconds; the same paths over real HTTP
 * and DynamoDB Local are the integration tests.
 */

vi.mock('../../../functions/deps.js', async () => {
  const { MemoryStore } = await import('../../../shared/store/memory-store.js');
  const { monotonicFactory } = await import('ulidx');
  return {
    config: { tableName: 'memory' },
    dynamoClient: {},
    documentClient: {},
    deps: { store: new MemoryStore(), clock: () => new Date(), newId: monotonicFactory() },
  };
});

/** Idempotency records in a Map, kept as DynamoDB keeps them (same conditions on put). */
vi.mock('@aws-lambda-powertools/idempotency/dynamodb', async () => {
  const { BasePersistenceLayer } = await import('@aws-lambda-powertools/idempotency/persistence');
  type IdempotencyRecord =
    import('@aws-lambda-powertools/idempotency/persistence').IdempotencyRecord;
  const {
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
    IdempotencyRecordStatus,
  } = await import('@aws-lambda-powertools/idempotency');
  const records = new Map<string, IdempotencyRecord>();
  class MemoryPersistenceLayer extends BasePersistenceLayer {
    protected async _getRecord(key: string): Promise<IdempotencyRecord> {
      const record = records.get(key);
      if (!record) throw new IdempotencyItemNotFoundError('no record');
      return record;
    }
    protected async _putRecord(record: IdempotencyRecord): Promise<void> {
      const existing = records.get(record.idempotencyKey);
      const abandoned =
        existing?.getStatus() === IdempotencyRecordStatus.INPROGRESS &&
        (existing.inProgressExpiryTimestamp ?? 0) < Date.now();
      if (existing && !existing.isExpired() && !abandoned)
        throw new IdempotencyItemAlreadyExistsError('record exists', existing);
      records.set(record.idempotencyKey, record);
    }
    protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
      records.set(record.idempotencyKey, record);
    }
    protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
      records.delete(record.idempotencyKey);
    }
  }
  return { DynamoDBPersistenceLayer: MemoryPersistenceLayer };
});

const { handler: writes } = await import('../../../functions/writes.js');
const { handler: reads } = await import('../../../functions/reads.js');
const { handler: publicFunction } = await import('../../../functions/public.js');

const secretariat = claimsOf('secretariat');
const call = (handler: typeof writes, input: EventInput) => invoke(handler, apiEvent(input));
const createConference = (body: unknown = summitConference(), headers?: Record<string, string>) =>
  call(writes, {
    route: writesRoutes.createConference,
    path: '/v1/conferences',
    body,
    claims: secretariat,
    ...(headers && { headers }),
  });

let conferenceId: string;
beforeAll(async () => {
  conferenceId = (await createConference()).body.id;
});

describe('routing and responses', () => {
  test('a write answers 201 with ETag and Location, and the read function serves it back', async () => {
    const created = await createConference();
    expect(created.status).toBe(201);
    expect(created.headers).toMatchObject({
      etag: '"1"',
      location: `/v1/conferences/${created.body.id}`,
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': expect.any(String),
    });
    const read = await call(reads, {
      route: readsRoutes.getConference,
      path: `/v1/conferences/${created.body.id}`,
      pathParameters: { conferenceId: created.body.id },
      claims: claimsOf('member', 'KAZ'),
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.headers.etag).toBe('"1"');
  });

  test('$default tells an unknown path (404) from a wrong method (405 with Allow)', async () => {
    const unknown = await call(publicFunction, { path: '/v1/nothing-here' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(unknown.body).toMatchObject({ status: 404, type: expect.stringMatching(/not-found$/) });
    const wrongMethod = await call(publicFunction, { method: 'DELETE', path: '/v1/conferences' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, POST');
  });

  test('the route’s roles: no token 401, a member on a write 403, nothing written', async () => {
    const before = (
      await call(reads, {
        route: readsRoutes.listConferences,
        path: '/v1/conferences',
        claims: secretariat,
      })
    ).body.items.length;
    const anonymous = await call(writes, {
      route: writesRoutes.createConference,
      path: '/v1/conferences',
      body: summitConference(),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const member = await call(writes, {
      route: writesRoutes.createConference,
      path: '/v1/conferences',
      body: summitConference(),
      claims: claimsOf('member', 'KAZ'),
    });
    expect(member.status).toBe(403);
    const after = (
      await call(reads, {
        route: readsRoutes.listConferences,
        path: '/v1/conferences',
        claims: secretariat,
      })
    ).body.items.length;
    expect(after).toBe(before);
  });

  test('a request that outlives its function answers 503 with Retry-After just before the timeout, not a 500', async () => {
    const { deps } = await import('../../../functions/deps.js');
    const slow = vi
      .spyOn(deps.store, 'listConferences')
      .mockImplementation(() => new Promise(() => {}));
    try {
      // The store never answers: without the early timeout this request would never end.
      const answer = await invoke(
        reads,
        apiEvent({
          route: readsRoutes.listConferences,
          path: '/v1/conferences',
          claims: secretariat,
        }),
        1_000,
      );
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('2');
      expect(answer.body).toMatchObject({
        status: 503,
        type: expect.stringMatching(/service-unavailable$/),
        detail: expect.stringMatching(/did not finish in time/),
      });
    } finally {
      slow.mockRestore();
    }
  });
});

describe('request guards and validation', () => {
  test('415 for anything but JSON, 400 for malformed JSON, 413 over the limit', async () => {
    const text = await createConference('name=XXIV', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    for (const suffixed of ['application/merge-patch+json', 'application/vnd.other+json'])
      expect(
        (await createConference(summitConference(), { 'content-type': suffixed })).status,
      ).toBe(415);
    const malformed = await createConference('{"name":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: '(root)', message: expect.any(String) }]);
    const huge = await createConference({
      ...summitConference(),
      name: 'x'.repeat(MAX_BODY_BYTES),
    });
    expect(huge.status).toBe(413);
  });

  test('a schema violation names each field; unknown properties are refused by path', async () => {
    const response = await createConference({
      ...summitConference(),
      venue: { city: 'Чолпон-Ата' },
      status: 'open',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'venue.country', message: expect.any(String) },
        { path: 'status', message: 'is not an allowed property' },
      ]),
    );
  });

  test('a stale If-Match is a 412 with the current ETag; a garbage one a 400', async () => {
    const created = await call(writes, {
      route: writesRoutes.createAgreement,
      path: `/v1/conferences/${conferenceId}/agreements`,
      pathParameters: { conferenceId },
      body: {
        title: 'Protocol',
        documentSha256: 'c'.repeat(64),
        signatories: SUMMIT_PARTIES.map(({ code }) => ({ party: code })),
      },
      claims: secretariat,
    });
    expect(created.status).toBe(201);
    const open = (ifMatch: string) =>
      call(writes, {
        route: writesRoutes.openAgreement,
        path: `/v1/agreements/${created.body.id}/open`,
        pathParameters: { agreementId: created.body.id },
        headers: { 'if-match': ifMatch },
        claims: secretariat,
      });
    expect((await open('"7"')).status).toBe(412);
    expect((await open('"7"')).headers.etag).toBe('"1"');
    expect((await open('garbage')).status).toBe(400);
    const opened = await open('"1"');
    expect(opened.status).toBe(200);
    expect(opened.body.status).toBe('open');
    expect(opened.headers.etag).toBe('"2"');
  });
});

describe('Idempotency-Key', () => {
  test('a retry with the same key and body replays the first response and writes nothing', async () => {
    const key = { 'idempotency-key': 'summit-2022-first-try' };
    const first = await createConference(summitConference(), key);
    const retry = await createConference(summitConference(), key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
  });

  test('the same key with another body is 422; an empty key 400', async () => {
    const key = { 'idempotency-key': 'summit-2022-second-try' };
    expect((await createConference(summitConference(), key)).status).toBe(201);
    const other = await createConference({ ...summitConference(), name: 'Another summit' }, key);
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
    expect((await createConference(summitConference(), { 'idempotency-key': '' })).status).toBe(
      400,
    );
  });

  test('a request that failed stores nothing: its retry with the same key runs again', async () => {
    const created = await call(writes, {
      route: writesRoutes.createAgreement,
      path: `/v1/conferences/${conferenceId}/agreements`,
      pathParameters: { conferenceId },
      body: { title: 'Protocol', documentSha256: 'd'.repeat(64), signatories: [{ party: 'KAZ' }] },
      claims: secretariat,
    });
    const open = (ifMatch: string) =>
      call(writes, {
        route: writesRoutes.openAgreement,
        path: `/v1/agreements/${created.body.id}/open`,
        pathParameters: { agreementId: created.body.id },
        headers: { 'if-match': ifMatch, 'idempotency-key': 'open-it-once' },
        claims: secretariat,
      });
    // The 412 is decided by the operation, after the key was taken: the key is released.
    expect((await open('"5"')).status).toBe(412);
    const retried = await open('"1"');
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect((await open('"1"')).headers['idempotent-replayed']).toBe('true');
  });
});
