import { describe, expect, test } from 'vitest';
import { storedEvents } from '../helpers/events.js';
import {
  agreementBody,
  conferenceBody,
  openAgreement,
  signatureBody,
} from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

const api = useTestApi();

describe('Idempotency-Key', () => {
  test('a retry with the same key and body returns the first response without writing again', async () => {
    // Prepare
    const headers = { 'idempotency-key': 'create-conference-1' };
    // Act
    const first = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
      headers,
    });
    const retry = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
      headers,
    });
    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const listed = await api.request('GET', '/v1/conferences?limit=100', {
      token: api.secretariat,
    });
    expect(listed.body.items.filter((c: { id: string }) => c.id === first.body.id)).toHaveLength(1);
    expect(listed.body.items).toHaveLength(1);
  });

  test('the same key with another body → 422; a new key → a new write', async () => {
    const headers = { 'idempotency-key': 'create-conference-2' };
    expect(
      (
        await api.request('POST', '/v1/conferences', {
          token: api.secretariat,
          body: conferenceBody(),
          headers,
        })
      ).status,
    ).toBe(201);
    const changed = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: { ...conferenceBody(), name: 'Another summit' },
      headers,
    });
    expect(changed.status).toBe(422);
    expect(changed.headers.get('content-type')).toContain('application/problem+json');
  });

  test('50 concurrent retries of one signature with one key: one write, identical answers (or 409 while in flight)', async () => {
    // Prepare
    const { agreementId } = await openAgreement(api);
    const send = () =>
      api.request('POST', `/v1/agreements/${agreementId}/signatories/AZE/signature`, {
        token: api.secretariat,
        body: signatureBody('AZE'),
        headers: { 'idempotency-key': 'sign-aze-once' },
      });
    // Act
    const responses = await Promise.all(Array.from({ length: 50 }, send));
    const afterwards = await send();
    // Assess
    const created = responses.filter((r) => r.status === 201);
    const inFlight = responses.filter((r) => r.status === 409);
    expect(created.length + inFlight.length).toBe(50);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of created) expect(r.body).toEqual(created[0]!.body);
    for (const r of inFlight) expect(r.body.detail).toMatch(/in progress/);
    expect(afterwards.status).toBe(201);
    expect(afterwards.body).toEqual(created[0]!.body);
    const events = await storedEvents(api, agreementId);
    expect(events.filter((e) => e.action === 'SIGNATURE_RECORDED')).toHaveLength(1);
  });

  test('a failed request is not remembered: its retry runs again', async () => {
    const { agreementId } = await openAgreement(api);
    const headers = { 'idempotency-key': 'decline-before-open' };
    const path = `/v1/agreements/${agreementId}/signatories/KAZ/withdrawal`;
    expect(
      (await api.request('POST', path, { token: api.secretariat, body: { reason: 'x' }, headers }))
        .status,
    ).toBe(409);
    const signed = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/KAZ/signature`,
      {
        token: api.secretariat,
        body: signatureBody('KAZ'),
      },
    );
    expect(signed.status).toBe(201);
    expect(
      (await api.request('POST', path, { token: api.secretariat, body: { reason: 'x' }, headers }))
        .status,
    ).toBe(200);
  });

  test('keys are per caller: another caller’s same key is a separate request', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const other = await api.local.issuer.mint({ role: 'secretariat', sub: 'another-secretary' });
    const a = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
      headers,
    });
    const b = await api.request('POST', '/v1/conferences', {
      token: other,
      body: conferenceBody(),
      headers,
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});

describe('Idempotency-Key, scoped and canonical', () => {
  test('the same JSON with keys in another order and other whitespace is the same request (RFC 8785)', async () => {
    const headers = { 'idempotency-key': 'canonical-1', 'content-type': 'application/json' };
    const body = conferenceBody();
    const first = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      rawBody: JSON.stringify(body),
      headers,
    });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      rawBody: `\n${JSON.stringify(reordered, null, 4)}\n`,
      headers,
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  test('one caller reusing a key on another route, path or body: 422, nothing written', async () => {
    const { agreementId } = await openAgreement(api);
    const headers = { 'idempotency-key': 'reused-by-one-caller' };
    const signature = (party: string) =>
      `/v1/agreements/${agreementId}/signatories/${party}/signature`;
    const first = await api.request('POST', signature('AZE'), {
      token: api.secretariat,
      body: signatureBody('AZE'),
      headers,
    });
    expect(first.status).toBe(201);
    const before = await storedEvents(api, agreementId);
    for (const [path, body] of [
      [signature('KAZ'), signatureBody('KAZ')], // another path, another body
      [signature('KAZ'), signatureBody('AZE')], // another path, the same body
      [`/v1/agreements/${agreementId}/signatories/AZE/withdrawal`, { reason: 'x' }], // another route
      [signature('AZE'), signatureBody('AZE', { place: 'Bakı' })], // another body
    ] as const) {
      const reused = await api.request('POST', path, { token: api.secretariat, body, headers });
      expect(reused.status, path).toBe(422);
      expect(reused.body.errors).toEqual([
        { path: 'Idempotency-Key', message: expect.any(String) },
      ]);
    }
    expect(await storedEvents(api, agreementId)).toEqual(before);
  });

  test('a replay has its own x-request-id and says it is one', async () => {
    const headers = { 'idempotency-key': 'request-ids' };
    const first = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
      headers,
    });
    const replay = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
      headers,
    });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('x-request-id')).toBeTruthy();
    expect(replay.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(replay.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(replay.headers.get('location')).toBe(first.headers.get('location'));
  });

  test('while the first is in flight, 409 with Retry-After', async () => {
    const { agreementId } = await openAgreement(api);
    const send = () =>
      api.request('POST', `/v1/agreements/${agreementId}/signatories/KAZ/signature`, {
        token: api.secretariat,
        body: signatureBody('KAZ'),
        headers: { 'idempotency-key': 'in-flight-retry-after' },
      });
    const responses = await Promise.all(Array.from({ length: 20 }, send));
    const inFlight = responses.filter((r) => r.status === 409);
    expect(inFlight.length).toBeGreaterThan(0);
    for (const r of inFlight) {
      expect(r.body.detail).toMatch(/in progress/);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  test('a state conflict carries the current version as ETag and currentVersion, to retry with', async () => {
    const { agreementId } = await openAgreement(api);
    const path = `/v1/agreements/${agreementId}/signatories/UZB/signature`;
    expect(
      (await api.request('POST', path, { token: api.secretariat, body: signatureBody('UZB') }))
        .status,
    ).toBe(201);
    const again = await api.request('POST', path, {
      token: api.secretariat,
      body: signatureBody('UZB'),
    });
    const current = await api.request('GET', `/v1/agreements/${agreementId}`, {
      token: api.secretariat,
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('etag')).toBe(`"${current.body.version}"`);
    expect(again.body.currentVersion).toBe(current.body.version);
    expect(again.body.current).toMatchObject({ party: 'UZB', status: 'signed' });
    const closed = await api.request('POST', `/v1/agreements/${agreementId}/open`, {
      token: api.secretariat,
    });
    expect(closed.status).toBe(409);
    expect(closed.headers.get('etag')).toBe(`"${current.body.version}"`);
  });

  test('If-Match on a route that creates a resource: 400 naming it, nothing written', async () => {
    const { conferenceId } = await openAgreement(api);
    const before = await api.request('GET', '/v1/conferences?limit=100', {
      token: api.secretariat,
    });
    for (const [path, body] of [
      ['/v1/conferences', conferenceBody()],
      [`/v1/conferences/${conferenceId}/agreements`, agreementBody(['AZE'])],
    ] as const) {
      const response = await api.request('POST', path, {
        token: api.secretariat,
        body,
        headers: { 'if-match': '"1"' },
      });
      expect(response.status, path).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'If-Match', message: expect.any(String) }]);
    }
    const after = await api.request('GET', '/v1/conferences?limit=100', { token: api.secretariat });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });
});
