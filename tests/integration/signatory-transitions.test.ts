import { beforeAll, describe, expect, test } from 'vitest';
import { agreementBody, conferenceBody, signatureBody } from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

const api = useTestApi();
let secretariat: string;
let conferenceId: string;

beforeAll(async () => {
  secretariat = await api.token('secretariat');
  conferenceId = (
    await api.request('POST', '/v1/conferences', { token: secretariat, body: conferenceBody() })
  ).body.id;
});

type Step = 'signature' | 'decline' | 'withdrawal';
const bodies: Record<Step, unknown> = {
  signature: signatureBody('AZE'),
  decline: { reason: 'Awaiting parliamentary approval' },
  withdrawal: { reason: 'Instrument of withdrawal deposited' },
};

async function newAgreement(open = true) {
  const created = await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
    token: secretariat,
    body: agreementBody(['AZE', 'KAZ'], { open }),
  });
  return created.body.id as string;
}

const act = (id: string, step: Step) =>
  api.request('POST', `/v1/agreements/${id}/signatories/AZE/${step}`, {
    token: secretariat,
    body: bodies[step],
  });

describe('every signatory transition, allowed and refused', () => {
  const cases: { path: Step[]; next: Step; status: number; state: string }[] = [
    { path: [], next: 'signature', status: 201, state: 'signed' },
    { path: [], next: 'decline', status: 200, state: 'declined' },
    { path: [], next: 'withdrawal', status: 409, state: 'pending' },
    { path: ['decline'], next: 'signature', status: 201, state: 'signed' },
    { path: ['decline'], next: 'decline', status: 409, state: 'declined' },
    { path: ['decline'], next: 'withdrawal', status: 409, state: 'declined' },
    { path: ['signature'], next: 'withdrawal', status: 200, state: 'withdrawn' },
    { path: ['signature'], next: 'signature', status: 409, state: 'signed' },
    { path: ['signature'], next: 'decline', status: 409, state: 'signed' },
    { path: ['signature', 'withdrawal'], next: 'signature', status: 409, state: 'withdrawn' },
    { path: ['signature', 'withdrawal'], next: 'decline', status: 409, state: 'withdrawn' },
    { path: ['signature', 'withdrawal'], next: 'withdrawal', status: 409, state: 'withdrawn' },
  ];

  test.each(cases)('$path then $next → $status', async ({ path, next, status, state }) => {
    const id = await newAgreement();
    for (const step of path) expect((await act(id, step)).status).toBeLessThan(300);
    const response = await act(id, next);
    expect(response.status).toBe(status);
    if (status === 409)
      expect(response.body.current).toMatchObject({ party: 'AZE', status: state });
    const agreement = await api.request('GET', `/v1/agreements/${id}`, { token: secretariat });
    expect(agreement.body.signatories[0]).toMatchObject({ party: 'AZE', status: state });
  });

  test('signatory changes need the agreement open: draft and closed → 409 with the agreement state', async () => {
    const draft = await newAgreement(false);
    const onDraft = await act(draft, 'signature');
    expect(onDraft.status).toBe(409);
    expect(onDraft.body.current).toEqual({ status: 'draft' });

    const closed = await newAgreement(true);
    expect(
      (await api.request('POST', `/v1/agreements/${closed}/close`, { token: secretariat })).status,
    ).toBe(200);
    expect((await act(closed, 'signature')).status).toBe(409);
    expect(
      (await api.request('POST', `/v1/agreements/${closed}/open`, { token: secretariat })).status,
    ).toBe(409);
    expect(
      (await api.request('POST', `/v1/agreements/${closed}/close`, { token: secretariat })).status,
    ).toBe(409);
  });

  test('a party that is not a signatory → 404', async () => {
    const id = await newAgreement();
    const response = await api.request('POST', `/v1/agreements/${id}/signatories/TUR/signature`, {
      token: secretariat,
      body: signatureBody('TUR'),
    });
    expect(response.status).toBe(404);
  });
});
