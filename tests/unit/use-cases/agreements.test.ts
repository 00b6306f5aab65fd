import { monotonicFactory } from 'ulidx';
import { describe, expect, test, vi } from 'vitest';
import {
  SUMMIT_PARTIES,
  summitCeremony,
  summitConference,
} from '../../../shared/contract/summit.js';
import {
  ConcurrentChangeError,
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../../../shared/domain/errors.js';
import { verifyChain } from '../../../shared/domain/hash-chain.js';
import type { Actor } from '../../../shared/domain/types.js';
import { MemoryStore } from '../../../shared/store/memory-store.js';
import {
  changeAgreementLifecycle,
  changeSignatoryState,
  createAgreement,
  getAgreement,
} from '../../../shared/use-cases/agreements.js';
import { verifyAgreementHistory } from '../../../shared/use-cases/audit.js';
import { createCeremony } from '../../../shared/use-cases/ceremonies.js';
import { createConference } from '../../../shared/use-cases/conferences.js';
import type { UseCaseDeps } from '../../../shared/use-cases/ports.js';
import { retryOnConcurrentChange } from '../../../shared/use-cases/retry.js';

/**
 * The use cases on the in-memory store (checked against DynamoDB by the
 * store contract): the retry loop, If-Match and which error wins when a
 * request is wrong in several ways. Milliseconds each, no Java.
 */

const secretariat: Actor = { sub: 'secretariat-1', role: 'secretariat' };
const auditor: Actor = { sub: 'auditor-1', role: 'auditor' };
const member = (party: string): Actor => ({ sub: `member-${party}`, role: 'member', party });

async function summit() {
  const store = new MemoryStore();
  const newId = monotonicFactory();
  const deps: UseCaseDeps = {
    store,
    clock: () => new Date('2022-07-26T10:00:00.000Z'),
    newId: () => newId(),
  };
  const conference = await createConference({ input: summitConference(), deps });
  const agreement = await createAgreement({
    conferenceId: conference.id,
    input: {
      title: 'Protocol of Intent on Digital Cooperation',
      documentSha256: 'b'.repeat(64),
      signatories: SUMMIT_PARTIES.map(({ code }) => ({ party: code })),
      open: true,
    },
    actor: secretariat,
    requestId: 'create',
    deps,
  });
  const sign = (party: string, extra: { ifMatch?: number[]; ceremonyId?: string } = {}) =>
    changeSignatoryState({
      agreementId: agreement.id,
      party,
      change: {
        action: 'sign',
        signedBy: { name: `Delegate of ${party}`, title: 'Minister' },
        signedAt: '2022-07-26T09:30:00.000Z',
        ...(extra.ceremonyId && { ceremonyId: extra.ceremonyId }),
      },
      ...(extra.ifMatch && { ifMatch: extra.ifMatch }),
      actor: secretariat,
      requestId: `sign-${party}`,
      deps,
    });
  return { store, deps, conference, agreement, sign };
}

describe('the retry loop', () => {
  test('a change that lost the race to another party is decided again on a fresh read and commits', async () => {
    const { store, deps, agreement, sign } = await summit();
    const commit = store.commitAgreementChange.bind(store);
    let raced = false;
    const spy = vi.spyOn(store, 'commitAgreementChange').mockImplementation(async (transition) => {
      if (!raced) {
        raced = true;
        // Another request signs for AZE between this request's read and its write.
        await sign('AZE');
      }
      return commit(transition);
    });
    const { agreement: after } = await sign('KAZ');
    // KAZ's commit lost once (AZE's own commit went through the spy too), then won.
    expect(spy.mock.calls.filter(([t]) => t.signatory?.party === 'KAZ')).toHaveLength(2);
    expect(after.signatories.filter((s) => s.status === 'signed').map((s) => s.party)).toEqual([
      'AZE',
      'KAZ',
    ]);
    const events = await store.listAllEvents(agreement.id);
    expect(verifyChain(events, (await store.getChainHead(agreement.id))!)).toMatchObject({
      valid: true,
      eventCount: 4,
    });
    expect(await getAgreement({ agreementId: agreement.id, actor: auditor, deps })).toEqual(after);
  });

  test('a change that lost the race to the same change is a 409 with the current state', async () => {
    const { store, sign } = await summit();
    const commit = store.commitAgreementChange.bind(store);
    let raced = false;
    vi.spyOn(store, 'commitAgreementChange').mockImplementation(async (transition) => {
      if (!raced) {
        raced = true;
        await sign('KAZ');
      }
      return commit(transition);
    });
    const refused = await sign('KAZ').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).current).toMatchObject({ party: 'KAZ', status: 'signed' });
  });

  test('gives up after its last attempt with a 409, backing off with full jitter in between', async () => {
    const sleeps: number[] = [];
    const attempt = vi.fn(async () => {
      throw new ConcurrentChangeError('lost');
    });
    const policy = {
      maxAttempts: 4,
      baseDelayMs: 10,
      maxDelayMs: 50,
      random: () => 0.5,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    };
    await expect(retryOnConcurrentChange(attempt, policy)).rejects.toThrow(ConflictError);
    expect(attempt).toHaveBeenCalledTimes(4);
    // Half of min(50, 10 × 2^n) for n = 1, 2, 3.
    expect(sleeps).toEqual([10, 20, 25]);
  });

  test('any other error ends the loop at once', async () => {
    const attempt = vi.fn(async () => {
      throw new NotFoundError('gone');
    });
    await expect(retryOnConcurrentChange(attempt)).rejects.toThrow(NotFoundError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});

describe('If-Match', () => {
  test('a stale version is a 412 naming the current one, and nothing changes', async () => {
    const { store, agreement, sign } = await summit();
    await sign('AZE');
    const current = (await store.getAgreement(agreement.id))!;
    const refused = await sign('KAZ', { ifMatch: [agreement.version] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PreconditionFailedError);
    expect((refused as PreconditionFailedError).currentVersion).toBe(current.version);
    expect(await store.getAgreement(agreement.id)).toEqual(current);
  });

  test('any listed version that is current applies the change', async () => {
    const { agreement, sign } = await summit();
    const { agreement: after } = await sign('KAZ', {
      ifMatch: [agreement.version - 1, agreement.version],
    });
    expect(after.version).toBe(agreement.version + 1);
  });

  test('is checked against the fresh read after a lost race', async () => {
    const { store, agreement, sign } = await summit();
    const commit = store.commitAgreementChange.bind(store);
    let raced = false;
    vi.spyOn(store, 'commitAgreementChange').mockImplementation(async (transition) => {
      if (!raced) {
        raced = true;
        await sign('AZE');
      }
      return commit(transition);
    });
    await expect(sign('KAZ', { ifMatch: [agreement.version] })).rejects.toThrow(
      PreconditionFailedError,
    );
  });
});

describe('which error wins', () => {
  test('an unknown agreement is a 404 before a stale If-Match', async () => {
    const { deps } = await summit();
    await expect(
      changeAgreementLifecycle({
        agreementId: '01NOSUCHAGREEMENT000000000',
        action: 'close',
        ifMatch: [99],
        actor: secretariat,
        requestId: 'close',
        deps,
      }),
    ).rejects.toThrow(NotFoundError);
  });

  test('a stale If-Match (412) before a refused transition (409)', async () => {
    const { agreement, sign } = await summit();
    await sign('KAZ');
    await expect(sign('KAZ', { ifMatch: [agreement.version] })).rejects.toThrow(
      PreconditionFailedError,
    );
  });

  test('an unknown party (404) and a refused transition (409) before a wrong ceremony (422)', async () => {
    const { agreement, sign } = await summit();
    await expect(sign('RUS', { ceremonyId: '01NOSUCHCEREMONY0000000000' })).rejects.toThrow(
      NotFoundError,
    );
    await sign('KAZ');
    await expect(sign('KAZ', { ceremonyId: '01NOSUCHCEREMONY0000000000' })).rejects.toThrow(
      ConflictError,
    );
    await expect(sign('KGZ', { ceremonyId: '01NOSUCHCEREMONY0000000000' })).rejects.toThrow(
      UnprocessableError,
    );
    expect(agreement.id).toBeTruthy();
  });

  test('a signature naming a ceremony that covers the agreement is recorded with it', async () => {
    const { deps, conference, agreement, sign } = await summit();
    const ceremony = await createCeremony({
      conferenceId: conference.id,
      input: summitCeremony([agreement.id]),
      deps,
    });
    const { signatory } = await sign('UZB', { ceremonyId: ceremony.id });
    expect(signatory).toMatchObject({ party: 'UZB', status: 'signed', ceremonyId: ceremony.id });
  });
});

describe('the visibility rule on every read path', () => {
  test('a member sees the agreements and histories of its party, and nothing else exists', async () => {
    const { store, deps, agreement } = await summit();
    const auditDeps = { audit: store, clock: deps.clock };
    expect(await getAgreement({ agreementId: agreement.id, actor: member('KAZ'), deps })).toEqual(
      await store.getAgreement(agreement.id),
    );
    await expect(
      getAgreement({ agreementId: agreement.id, actor: member('RUS'), deps }),
    ).rejects.toThrow(NotFoundError);
    expect(
      await verifyAgreementHistory({
        agreementId: agreement.id,
        reader: member('KAZ'),
        deps: auditDeps,
      }),
    ).toMatchObject({ valid: true });
    await expect(
      verifyAgreementHistory({ agreementId: agreement.id, reader: member('RUS'), deps: auditDeps }),
    ).rejects.toThrow(NotFoundError);
  });
});
