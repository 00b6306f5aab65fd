import { beforeAll, describe, expect, test } from 'vitest';
import { storedEvents } from '../helpers/events.js';
import { conferenceBody, openAgreement, signatureBody } from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

const api = useTestApi();
let secretariat: string;

beforeAll(async () => {
  secretariat = await api.token('secretariat');
});

describe('Idempotency-Key', () => {
  test('a retry with the same key and body returns the first response without writing again', async () => {
    // Prepare
    const headers = { 'idempotency-key': 'create-conference-1' };
    // Act
    const first = await api.request('POST', '/v1/conferences', {
      token: secretariat,
      body: conferenceBody(),
      headers,
    });
    const retry = await api.request('POST', '/v1/conferences', {
      token: secretariat,
      body: conferenceBody(),
      headers,
    });
    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const listed = await api.request('GET', '/v1/conferences?limit=100', { token: secretariat });
    expect(listed.body.items.filter((c: { id: string }) => c.id === first.body.id)).toHaveLength(1);
    expect(listed.body.items).toHaveLength(1);
  });

  test('the same key with another body → 422; a new key → a new write', async () => {
    const headers = { 'idempotency-key': 'create-conference-2' };
    expect(
      (
        await api.request('POST', '/v1/conferences', {
          token: secretariat,
          body: conferenceBody(),
          headers,
        })
      ).status,
    ).toBe(201);
    const changed = await api.request('POST', '/v1/conferences', {
      token: secretariat,
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
        token: secretariat,
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
      (await api.request('POST', path, { token: secretariat, body: { reason: 'x' }, headers }))
        .status,
    ).toBe(409);
    const signed = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/KAZ/signature`,
      {
        token: secretariat,
        body: signatureBody('KAZ'),
      },
    );
    expect(signed.status).toBe(201);
    expect(
      (await api.request('POST', path, { token: secretariat, body: { reason: 'x' }, headers }))
        .status,
    ).toBe(200);
  });

  test('keys are per caller: another caller’s same key is a separate request', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const other = await api.local.issuer.mint({ role: 'secretariat', sub: 'another-secretary' });
    const a = await api.request('POST', '/v1/conferences', {
      token: secretariat,
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
