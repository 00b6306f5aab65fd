import { describe, expect, test } from 'vitest';
import { verifyChain } from '../../shared/domain/hash-chain.js';
import { storedEvents } from '../helpers/events.js';
import {
  agreementBody,
  conferenceBody,
  REPRESENTATIVES,
  signatureBody,
  TURKIC_PARTIES,
} from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

const api = useTestApi();

describe('a scripted signing ceremony over HTTP', () => {
  test('five parties: four sign, one declines, one withdraws, then close — states, events and chain as the contract implies', async () => {
    // Prepare
    const conference = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
    });
    expect(conference.status).toBe(201);
    const created = await api.request('POST', `/v1/conferences/${conference.body.id}/agreements`, {
      token: api.secretariat,
      body: agreementBody(
        TURKIC_PARTIES.map((p) => p.code),
        { entryIntoForce: { rule: 'count', count: 3 } },
      ),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      progress: { signed: 0, total: 5 },
      inForce: false,
    });
    const id = created.body.id as string;

    // Act
    const opened = await api.request('POST', `/v1/agreements/${id}/open`, {
      token: api.secretariat,
    });
    expect(opened.status).toBe(200);
    expect(opened.headers.get('etag')).toBe('"2"');
    for (const party of ['AZE', 'KAZ', 'KGZ', 'TUR']) {
      const signed = await api.request(
        'POST',
        `/v1/agreements/${id}/signatories/${party}/signature`,
        {
          token: api.secretariat,
          body: signatureBody(party),
        },
      );
      expect(signed.status).toBe(201);
      expect(signed.body).toMatchObject({
        party,
        status: 'signed',
        signedBy: REPRESENTATIVES[party],
        signedAt: '2022-07-26T09:30:00.000Z',
      });
    }
    const declined = await api.request('POST', `/v1/agreements/${id}/signatories/UZB/decline`, {
      token: api.secretariat,
      body: { reason: 'Ratification procedure pending in the Oliy Majlis' },
    });
    expect(declined.status).toBe(200);
    const withdrawn = await api.request('POST', `/v1/agreements/${id}/signatories/TUR/withdrawal`, {
      token: api.secretariat,
      body: { reason: 'Signed in error; a corrected instrument will follow' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      reason: 'Signed in error; a corrected instrument will follow',
    });
    const closed = await api.request('POST', `/v1/agreements/${id}/close`, {
      token: api.secretariat,
    });
    expect(closed.status).toBe(200);

    // Assess
    const agreement = (await api.request('GET', `/v1/agreements/${id}`, { token: api.secretariat }))
      .body;
    expect(agreement).toMatchObject({
      status: 'closed',
      version: 9,
      progress: { signed: 3, total: 5 },
      inForce: true,
    });
    expect(
      Object.fromEntries(
        agreement.signatories.map((s: { party: string; status: string }) => [s.party, s.status]),
      ),
    ).toEqual({
      AZE: 'signed',
      KAZ: 'signed',
      KGZ: 'signed',
      TUR: 'withdrawn',
      UZB: 'declined',
    });
    // The third signature completed the count-3 rule; it was signed at the ceremony's hour.
    expect(agreement.inForceAt).toBe('2022-07-26T09:30:00.000Z');

    const events = await storedEvents(api, id);
    expect(events.map((e) => [e.seq, e.action, e.party ?? null])).toEqual([
      [1, 'AGREEMENT_CREATED', null],
      [2, 'AGREEMENT_OPENED', null],
      [3, 'SIGNATURE_RECORDED', 'AZE'],
      [4, 'SIGNATURE_RECORDED', 'KAZ'],
      [5, 'SIGNATURE_RECORDED', 'KGZ'],
      [6, 'SIGNATURE_RECORDED', 'TUR'],
      [7, 'SIGNATURE_DECLINED', 'UZB'],
      [8, 'SIGNATURE_WITHDRAWN', 'TUR'],
      [9, 'AGREEMENT_CLOSED', null],
    ]);
    expect(
      events.every((e) => e.actor.role === 'secretariat' && e.actor.sub === 'local-secretariat'),
    ).toBe(true);
    expect(verifyChain(events, { seq: 9, hash: agreement.chain.headHash })).toEqual({
      valid: true,
      eventCount: 9,
      headHash: agreement.chain.headHash,
    });
  });
});

describe('concurrency', () => {
  test('100 concurrent signatures for the same party: exactly one 201, the rest 409, one event', async () => {
    // Prepare
    const conference = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(),
    });
    const agreement = await api.request(
      'POST',
      `/v1/conferences/${conference.body.id}/agreements`,
      {
        token: api.secretariat,
        body: agreementBody(['AZE', 'KAZ'], { open: true }),
      },
    );
    const id = agreement.body.id as string;
    // Act
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        api.request('POST', `/v1/agreements/${id}/signatories/AZE/signature`, {
          token: api.secretariat,
          body: signatureBody('AZE'),
        }),
      ),
    );
    // Assess
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.headers.get('content-type')).toContain('application/problem+json');
      expect(conflict.body.current).toMatchObject({ status: 'signed' });
    }
    const events = await storedEvents(api, id);
    expect(events.filter((e) => e.action === 'SIGNATURE_RECORDED')).toHaveLength(1);
    expect(verifyChain(events).valid).toBe(true);
  });

  test('50 parties signing one agreement at once: 50 × 201, 50 events, chain valid, progress 50', async () => {
    // Prepare
    const parties = Array.from({ length: 50 }, (_, i) => ({
      code: `P${String(i).padStart(2, '0')}X`,
      name: `Тараф ${i} — Tərəf ${i}`,
    }));
    const conference = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(parties),
    });
    const agreement = await api.request(
      'POST',
      `/v1/conferences/${conference.body.id}/agreements`,
      {
        token: api.secretariat,
        body: agreementBody(
          parties.map((p) => p.code),
          { open: true },
        ),
      },
    );
    const id = agreement.body.id as string;
    // Act
    const responses = await Promise.all(
      parties.map((p) =>
        api.request('POST', `/v1/agreements/${id}/signatories/${p.code}/signature`, {
          token: api.secretariat,
          body: signatureBody(p.code),
        }),
      ),
    );
    // Assess
    expect(responses.map((r) => r.status)).toEqual(parties.map(() => 201));
    const after = (await api.request('GET', `/v1/agreements/${id}`, { token: api.secretariat }))
      .body;
    expect(after.progress).toEqual({ signed: 50, total: 50 });
    expect(after.inForce).toBe(true);
    const events = await storedEvents(api, id);
    expect(
      events
        .filter((e) => e.action === 'SIGNATURE_RECORDED')
        .map((e) => e.party)
        .sort(),
    ).toEqual(parties.map((p) => p.code).sort());
    expect(
      verifyChain(events, { seq: after.chain.headSeq, hash: after.chain.headHash }).valid,
    ).toBe(true);
  });
});
