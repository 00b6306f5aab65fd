import { describe, expect, test } from 'vitest';
import {
  agreementBody,
  ceremonyBody,
  conferenceBody,
  openAgreement,
  signatureBody,
} from '../helpers/fixtures.js';
import { useTestApi } from '../helpers/test-api.js';

const api = useTestApi();

describe('roles', () => {
  test('members read conferences and only the agreements and ceremonies their party signs; they write nothing', async () => {
    // Prepare: AZE+KAZ agreement, and a TUR+UZB agreement in the same conference
    const { conferenceId, agreementId } = await openAgreement(api);
    const other = await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
      token: api.secretariat,
      body: agreementBody(['TUR', 'UZB'], { open: true }),
    });
    const ours = await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
      token: api.secretariat,
      body: agreementBody(['AZE', 'KAZ'], { open: true }),
    });
    const ceremony = await api.request('POST', `/v1/conferences/${conferenceId}/ceremonies`, {
      token: api.secretariat,
      body: ceremonyBody([other.body.id]),
    });
    expect(ceremony.status).toBe(201);
    const kaz = await api.token('member', 'KAZ');

    // Act / Assess
    expect(
      (await api.request('GET', `/v1/conferences/${conferenceId}`, { token: kaz })).status,
    ).toBe(200);
    expect((await api.request('GET', `/v1/agreements/${agreementId}`, { token: kaz })).status).toBe(
      200,
    );
    expect(
      (await api.request('GET', `/v1/agreements/${other.body.id}`, { token: kaz })).status,
    ).toBe(404);
    expect(
      (await api.request('GET', `/v1/ceremonies/${ceremony.body.id}`, { token: kaz })).status,
    ).toBe(404);
    const listed = await api.request('GET', `/v1/conferences/${conferenceId}/agreements`, {
      token: kaz,
    });
    expect(listed.body.items.map((a: { id: string }) => a.id).sort()).toEqual(
      [agreementId, ours.body.id].sort(),
    );
    const allListed = await api.request('GET', `/v1/conferences/${conferenceId}/agreements`, {
      token: api.secretariat,
    });
    expect(allListed.body.items).toHaveLength(3);

    for (const [method, path, body] of [
      ['POST', '/v1/conferences', conferenceBody()],
      ['POST', `/v1/conferences/${conferenceId}/agreements`, agreementBody(['KAZ'])],
      ['POST', `/v1/agreements/${agreementId}/signatories/KAZ/signature`, signatureBody('KAZ')],
      ['POST', `/v1/agreements/${agreementId}/close`, {}],
    ] as const) {
      expect((await api.request(method, path, { token: kaz, body })).status).toBe(403);
    }
  });

  test('a ceremony shows a member only the agreements its party signs, in reads and listings', async () => {
    const { conferenceId } = await openAgreement(api);
    const created = await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
      token: api.secretariat,
      body: agreementBody(['AZE', 'KAZ'], { open: true }),
    });
    const ours = created.body.id as string;
    const theirs = await api.request('POST', `/v1/conferences/${conferenceId}/agreements`, {
      token: api.secretariat,
      body: agreementBody(['TUR', 'UZB'], { open: true }),
    });
    const ceremony = await api.request('POST', `/v1/conferences/${conferenceId}/ceremonies`, {
      token: api.secretariat,
      body: ceremonyBody([ours, theirs.body.id]),
    });
    expect(ceremony.status).toBe(201);
    const everything = [ours, theirs.body.id];
    const kaz = await api.token('member', 'KAZ');
    const tur = await api.token('member', 'TUR');
    const seen = async (token: string) => {
      const read = await api.request('GET', `/v1/ceremonies/${ceremony.body.id}`, { token });
      const listed = await api.request('GET', `/v1/conferences/${conferenceId}/ceremonies`, {
        token,
      });
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0].agreementIds).toEqual(read.body.agreementIds);
      return read.body.agreementIds;
    };
    expect(await seen(kaz)).toEqual([ours]);
    expect(await seen(tur)).toEqual([theirs.body.id]);
    expect(await seen(api.secretariat)).toEqual(everything);
    expect(await seen(await api.token('auditor'))).toEqual(everything);
  });

  test('auditors read everything and write nothing', async () => {
    const { agreementId } = await openAgreement(api);
    const auditor = await api.token('auditor');
    expect(
      (await api.request('GET', `/v1/agreements/${agreementId}`, { token: auditor })).status,
    ).toBe(200);
    expect(
      (await api.request('POST', '/v1/conferences', { token: auditor, body: conferenceBody() }))
        .status,
    ).toBe(403);
    expect(
      (
        await api.request('POST', `/v1/agreements/${agreementId}/signatories/AZE/signature`, {
          token: auditor,
          body: signatureBody('AZE'),
        })
      ).status,
    ).toBe(403);
  });

  test('a member token without a party, or with no known group, is refused', async () => {
    const noParty = await api.local.issuer.mint({ role: 'member' });
    expect((await api.request('GET', '/v1/conferences', { token: noParty })).status).toBe(403);
  });
});

describe('multilingual names survive the API and DynamoDB byte-exact', () => {
  test('Latin and Cyrillic names, with Ə ğ ı İ Қ ң ү ұ ө oʻ, round-trip exactly', async () => {
    // Prepare
    const parties = [
      { code: 'AZE', name: 'Azərbaycan Respublikası — Ə ə Ğ ğ I ı' },
      { code: 'TUR', name: 'Türkiye Cumhuriyeti — İstanbul, Iğdır' },
      { code: 'KAZ', name: 'Қазақстан Республикасы — Қ ң ү ұ ө һ і' },
      { code: 'KGZ', name: 'Кыргыз Республикасы — Ү ө ң' },
      { code: 'UZB', name: 'Oʻzbekiston Respublikasi — gʻalaba' },
      { code: 'OTS', name: 'Türk Devletleri Teşkilatı / Түркі мемлекеттері ұйымы' },
    ];
    const conference = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody(parties),
    });
    const agreement = await api.request(
      'POST',
      `/v1/conferences/${conference.body.id}/agreements`,
      {
        token: api.secretariat,
        body: {
          ...agreementBody(
            parties.map((p) => p.code),
            { open: true },
          ),
          title: 'Niyet Protokolü / Ниет хаттамасы / Niyat protokoli',
          signatories: parties.map((p) => ({
            party: p.code,
            representative: { name: `Тоқаев Ərdoğan ${p.code}`, title: 'Oʻrinbosar' },
          })),
        },
      },
    );
    const signedBy = {
      name: 'Қасым-Жомарт Кемелұлы Тоқаев',
      title: 'Қазақстан Республикасының Президенті',
    };
    await api.request('POST', `/v1/agreements/${agreement.body.id}/signatories/KAZ/signature`, {
      token: api.secretariat,
      body: { signedBy, signedAt: '2022-07-26T15:30:00+06:00', place: 'Чолпон-Ата, Ысык-Көл' },
    });

    // Act
    const fetched = await api.request('GET', `/v1/agreements/${agreement.body.id}`, {
      token: api.secretariat,
    });

    // Assess: byte-exact
    const names = fetched.body.signatories.map((s: { partyName: string }) => s.partyName);
    expect(Buffer.from(names.join('|'))).toEqual(Buffer.from(parties.map((p) => p.name).join('|')));
    expect(fetched.body.title).toBe('Niyet Protokolü / Ниет хаттамасы / Niyat protokoli');
    const kaz = fetched.body.signatories.find((s: { party: string }) => s.party === 'KAZ');
    expect(kaz.signedBy).toEqual(signedBy);
    expect(kaz.place).toBe('Чолпон-Ата, Ысык-Көл');
    const conf = await api.request('GET', `/v1/conferences/${conference.body.id}`, {
      token: api.secretariat,
    });
    expect(conf.body.parties).toEqual(parties);
  });

  test('decomposed input is stored in NFC', async () => {
    const decomposed = 'Türkiye'.normalize('NFD');
    const conference = await api.request('POST', '/v1/conferences', {
      token: api.secretariat,
      body: conferenceBody([{ code: 'TUR', name: decomposed }]),
    });
    expect(conference.body.parties[0].name).toBe('Türkiye'.normalize('NFC'));
  });
});

describe('listings', () => {
  test('conferences page with limit and an opaque cursor, newest first, no gap or duplicate', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(
        (
          await api.request('POST', '/v1/conferences', {
            token: api.secretariat,
            body: conferenceBody(),
          })
        ).body.id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } =
        await api.request(
          'GET',
          `/v1/conferences?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { token: api.secretariat },
        );
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
  });

  test('ceremonies: created, listed, read; agreements of another conference → 422', async () => {
    const { conferenceId, agreementId } = await openAgreement(api);
    const elsewhere = await openAgreement(api);
    const body = {
      title: 'Imzalanma mərasimi',
      place: 'Ruh Ordo, Чолпон-Ата',
      scheduledAt: '2022-07-26T15:00:00+06:00',
      agreementIds: [agreementId],
    };
    const created = await api.request('POST', `/v1/conferences/${conferenceId}/ceremonies`, {
      token: api.secretariat,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...body,
      scheduledAt: '2022-07-26T09:00:00.000Z',
      conferenceId,
    });
    expect(
      (await api.request('GET', `/v1/ceremonies/${created.body.id}`, { token: api.secretariat }))
        .body,
    ).toEqual(created.body);
    const listed = await api.request('GET', `/v1/conferences/${conferenceId}/ceremonies`, {
      token: api.secretariat,
    });
    expect(listed.body.items).toEqual([created.body]);
    const foreign = await api.request('POST', `/v1/conferences/${conferenceId}/ceremonies`, {
      token: api.secretariat,
      body: { ...body, agreementIds: [elsewhere.agreementId] },
    });
    expect(foreign.status).toBe(422);
    const signedAtCeremony = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/AZE/signature`,
      {
        token: api.secretariat,
        body: signatureBody('AZE', { ceremonyId: created.body.id }),
      },
    );
    expect(signedAtCeremony.status).toBe(201);
    expect(signedAtCeremony.body.ceremonyId).toBe(created.body.id);
    const wrongCeremony = await api.request(
      'POST',
      `/v1/agreements/${elsewhere.agreementId}/signatories/AZE/signature`,
      {
        token: api.secretariat,
        body: signatureBody('AZE', { ceremonyId: created.body.id }),
      },
    );
    expect(wrongCeremony.status).toBe(422);
    const notASignatory = await api.request(
      'POST',
      `/v1/agreements/${agreementId}/signatories/RUS/signature`,
      {
        token: api.secretariat,
        body: signatureBody('RUS', { ceremonyId: 'NO-SUCH-CEREMONY' }),
      },
    );
    expect(notASignatory.status).toBe(404);
    const unknownAgreement = await api.request(
      'POST',
      '/v1/agreements/NOPE/signatories/AZE/signature',
      {
        token: api.secretariat,
        body: signatureBody('AZE', { ceremonyId: 'NO-SUCH-CEREMONY' }),
      },
    );
    expect(unknownAgreement.status).toBe(404);
  });
});
