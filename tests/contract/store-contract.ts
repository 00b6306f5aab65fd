import { monotonicFactory } from 'ulidx';
import { describe, expect, test } from 'vitest';
import { SUMMIT_PARTIES, summitCeremony, summitConference } from '../../shared/contract/summit.js';
import { ConcurrentChangeError, InvalidRequestError } from '../../shared/domain/errors.js';
import { verifyChain } from '../../shared/domain/hash-chain.js';
import type { Actor, Agreement, Party } from '../../shared/domain/types.js';
import { changeSignatoryState, createAgreement } from '../../shared/use-cases/agreements.js';
import type { AuditStore } from '../../shared/use-cases/audit.js';
import { auditBinding } from '../../shared/use-cases/audit.js';
import { createCeremony } from '../../shared/use-cases/ceremonies.js';
import { createConference } from '../../shared/use-cases/conferences.js';
import type { SigningStore, UseCaseDeps } from '../../shared/use-cases/ports.js';

/**
 * What every implementation of the ports must do, run against the
 * in-memory store (unit project) and the DynamoDB adapter on DynamoDB Local
 * (integration project), so that the fake cannot drift from the real thing.
 * Data is written through the use cases, as the API writes it.
 */

export interface Stores {
  readonly signing: SigningStore;
  readonly audit: AuditStore;
}

const secretariat: Actor = { sub: 'secretariat-1', role: 'secretariat' };
const SIGNED_AT = '2022-07-26T09:30:00.000Z';

export function describeStoreContract(name: string, open: () => Promise<Stores>): void {
  describe(`store contract: ${name}`, () => {
    const newId = monotonicFactory();
    let clock = Date.parse('2022-07-26T10:00:00.000Z');

    async function setUp(parties: readonly Party[] = SUMMIT_PARTIES) {
      const stores = await open();
      // The use cases answer with the presented view (standing, acts); what the
      // store must read back is the state they committed, kept here as it passes.
      const committed = new Map<string, Agreement>();
      const signing: SigningStore = Object.create(stores.signing);
      signing.createAgreement = async (transition) => {
        await stores.signing.createAgreement(transition);
        committed.set(transition.after.id, transition.after);
      };
      signing.commitAgreementChange = async (transition) => {
        await stores.signing.commitAgreementChange(transition);
        committed.set(transition.after.id, transition.after);
      };
      const deps: UseCaseDeps = {
        store: signing,
        // Each write a second later, so that the audit query has an order to keep.
        clock: () => {
          clock += 1000;
          return new Date(clock);
        },
        newId: () => newId(),
      };
      const conference = await createConference({ input: summitConference(parties), deps });
      const agreement = async (codes: readonly string[], title = 'Protocol of Intent') => {
        const { id } = await createAgreement({
          conferenceId: conference.id,
          input: {
            title,
            documentSha256: 'a'.repeat(64),
            signatories: codes.map((party) => ({ party })),
            open: true,
          },
          actor: secretariat,
          requestId: `create-${title}`,
          deps,
        });
        return committed.get(id) as Agreement;
      };
      const sign = async (agreementId: string, party: string) => {
        await changeSignatoryState({
          agreementId,
          party,
          change: {
            action: 'sign',
            signedBy: { name: party, title: 'Minister' },
            signedAt: SIGNED_AT,
          },
          actor: secretariat,
          requestId: `sign-${party}`,
          deps,
        });
        return { agreement: committed.get(agreementId) as Agreement };
      };
      return { ...stores, deps, conference, agreement, sign };
    }

    test('a conference reads back as written; a second write of its id loses the race', async () => {
      const { signing, conference } = await setUp();
      expect(await signing.getConference(conference.id)).toEqual(conference);
      expect(await signing.getConference('01NOSUCHCONFERENCE00000000')).toBeUndefined();
      await expect(signing.createConference(conference)).rejects.toThrow(ConcurrentChangeError);
    });

    test('an agreement of 120 signatories reads back whole, in roster order, after changes', async () => {
      const parties = Array.from({ length: 120 }, (_, i) => ({
        code: `P${String(i).padStart(3, '0')}`,
        name: `Тарап ${i}`,
      }));
      const { signing, agreement, sign } = await setUp(parties);
      const created = await agreement(parties.map((party) => party.code));
      expect(await signing.getAgreement(created.id)).toEqual(created);
      const { agreement: after } = await sign(created.id, 'P077');
      const stored = (await signing.getAgreement(created.id)) as Agreement;
      expect(stored).toEqual(after);
      expect(stored.signatories.map((s) => s.party)).toEqual(parties.map((p) => p.code));
      expect(stored.signatories[77]).toMatchObject({ party: 'P077', status: 'signed' });
    });

    test('a change committed from a stale read loses the race and writes nothing', async () => {
      const { signing, audit, agreement, sign } = await setUp();
      const created = await agreement(['AZE', 'KAZ']);
      const stale = (await signing.getAgreement(created.id)) as Agreement;
      const { agreement: after } = await sign(created.id, 'AZE');
      const eventsBefore = await audit.listAllEvents(created.id);
      const lost = {
        before: stale,
        after: { ...stale, version: stale.version + 1 },
        events: [],
      };
      await expect(signing.commitAgreementChange(lost)).rejects.toThrow(ConcurrentChangeError);
      expect(await signing.getAgreement(created.id)).toEqual(after);
      expect(await audit.listAllEvents(created.id)).toEqual(eventsBefore);
    });

    test('listings are newest first, paged with cursors bound to the listing, filtered by party', async () => {
      const { signing, conference, agreement } = await setUp();
      const first = await agreement(['AZE', 'KAZ'], 'first');
      const second = await agreement(['KAZ', 'KGZ'], 'second');
      const third = await agreement(['TUR'], 'third');
      const pageOne = await signing.listAgreements(conference.id, { limit: 2 });
      expect(pageOne.items.map((a) => a.title)).toEqual(['third', 'second']);
      expect(pageOne.items[0]).not.toHaveProperty('signatories');
      expect(pageOne.items[0]).toEqual(
        (({ signatories: _signatories, ...summary }) => summary)(third),
      );
      const pageTwo = await signing.listAgreements(conference.id, {
        limit: 2,
        cursor: pageOne.nextCursor!,
      });
      expect(pageTwo).toEqual({
        items: [expect.objectContaining({ id: first.id })],
        nextCursor: null,
      });
      const kaz = await signing.listAgreements(conference.id, { limit: 10 }, 'KAZ');
      expect(kaz.items.map((a) => a.id)).toEqual([second.id, first.id]);
      expect((await signing.listAgreements(conference.id, { limit: 10 }, 'UZB')).items).toEqual([]);
      // A cursor of one listing is no good for another, nor is garbage.
      await expect(
        signing.listCeremonies(conference.id, { limit: 2, cursor: pageOne.nextCursor! }),
      ).rejects.toThrow(InvalidRequestError);
      await expect(
        signing.listAgreements('01OTHERCONFERENCE000000000', {
          limit: 2,
          cursor: pageOne.nextCursor!,
        }),
      ).rejects.toThrow(InvalidRequestError);
      await expect(signing.listConferences({ limit: 2, cursor: 'garbage' })).rejects.toThrow(
        InvalidRequestError,
      );
    });

    test('ceremonies keep their parties for access checks and list by party', async () => {
      const { signing, deps, conference, agreement } = await setUp();
      const one = await agreement(['AZE', 'KAZ']);
      const two = await agreement(['TUR']);
      const ceremony = await createCeremony({
        conferenceId: conference.id,
        input: summitCeremony([one.id, two.id]),
        deps,
      });
      expect(await signing.getCeremony(ceremony.id)).toEqual({
        ...ceremony,
        partyCodes: ['AZE', 'KAZ', 'TUR'],
        agreementParties: { [one.id]: ['AZE', 'KAZ'], [two.id]: ['TUR'] },
      });
      // Listed to a party, a ceremony names only the agreements that party signs.
      expect((await signing.listCeremonies(conference.id, { limit: 5 }, 'KAZ')).items).toEqual([
        { ...ceremony, agreementIds: [one.id] },
      ]);
      expect((await signing.listCeremonies(conference.id, { limit: 5 })).items).toEqual([ceremony]);
      expect((await signing.listCeremonies(conference.id, { limit: 5 }, 'UZB')).items).toEqual([]);
      await expect(signing.createCeremony(ceremony, {})).rejects.toThrow(ConcurrentChangeError);
    });

    test('a history is read oldest first, whole or in pages bound to the agreement, and verifies', async () => {
      const { audit, agreement, sign } = await setUp();
      const created = await agreement(['AZE', 'KAZ', 'KGZ', 'TUR']);
      const other = await agreement(['AZE']);
      for (const party of ['AZE', 'KAZ', 'KGZ', 'TUR']) await sign(created.id, party);
      const head = await audit.getChainHead(created.id);
      expect(head).toMatchObject({ seq: 6, partyCodes: ['AZE', 'KAZ', 'KGZ', 'TUR'] });
      expect(await audit.getChainHead('01NOSUCHAGREEMENT000000000')).toBeUndefined();
      const all = await audit.listAllEvents(created.id);
      expect(all.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(verifyChain(all, head!)).toMatchObject({ valid: true, eventCount: 6 });
      const pages = [];
      let cursor: string | undefined;
      do {
        const page = await audit.listEvents(created.id, { limit: 4, ...(cursor && { cursor }) });
        pages.push(page.items.map((event) => event.seq));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual([
        [1, 2, 3, 4],
        [5, 6],
      ]);
      const firstPage = await audit.listEvents(created.id, { limit: 2 });
      await expect(
        audit.listEvents(other.id, { limit: 2, cursor: firstPage.nextCursor! }),
      ).rejects.toThrow(InvalidRequestError);
    });

    test('the audit query walks a window by time, filtered, with cursors bound to the query', async () => {
      const { audit, agreement, sign, conference } = await setUp();
      const one = await agreement(['AZE', 'KAZ'], 'one');
      const two = await agreement(['KAZ', 'KGZ'], 'two');
      await sign(two.id, 'KAZ');
      await sign(one.id, 'KAZ');
      await sign(one.id, 'AZE');
      expect(await audit.earliestActivity()).toBe(conference.createdAt);
      // As `queryAudit` sets it: up to now (a window into the far future walks decades of empty days).
      const window = { from: conference.createdAt, to: new Date(Date.now() + 1000).toISOString() };
      const walk = async (filters: { party?: string }, limit: number) => {
        const binding = auditBinding(filters);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await audit.queryEvents({
            filters,
            binding,
            limit,
            ...(cursor ? { cursor } : { window }),
          });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(
            ...page.items.map(
              (e) => `${e.agreementId === one.id ? 'one' : 'two'}:${e.action}:${e.party ?? ''}`,
            ),
          );
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return seen;
      };
      expect(await walk({}, 2)).toEqual([
        'one:AGREEMENT_CREATED:',
        'one:AGREEMENT_OPENED:',
        'two:AGREEMENT_CREATED:',
        'two:AGREEMENT_OPENED:',
        'two:SIGNATURE_RECORDED:KAZ',
        'one:SIGNATURE_RECORDED:KAZ',
        'one:SIGNATURE_RECORDED:AZE',
      ]);
      expect(await walk({ party: 'KAZ' }, 1)).toEqual([
        'two:SIGNATURE_RECORDED:KAZ',
        'one:SIGNATURE_RECORDED:KAZ',
      ]);
      const first = await audit.queryEvents({
        filters: {},
        binding: auditBinding({}),
        limit: 1,
        window,
      });
      expect(first.nextCursor).not.toBeNull();
      await expect(
        audit.queryEvents({
          filters: { party: 'KAZ' },
          binding: auditBinding({ party: 'KAZ' }),
          limit: 1,
          cursor: first.nextCursor!,
        }),
      ).rejects.toThrow(InvalidRequestError);
    });
  });
}
