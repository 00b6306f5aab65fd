import { describe, expect, test, vi } from 'vitest';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { appendEvents, EMPTY_CHAIN, verifyChain } from '../../../shared/domain/hash-chain.js';
import type { AuditEvent } from '../../../shared/domain/types.js';
import { ZAuditQuery } from '../../../shared/schemas/audit.js';
import {
  type AgreementHead,
  type AuditDeps,
  type AuditPageRequest,
  type AuditStore,
  CLOCK_SKEW_MARGIN_MS,
  queryAudit,
  verifyAgreementHistory,
} from '../../../shared/use-cases/audit.js';

const NOW = new Date('2022-07-27T12:00:00.000Z');

function chainOf(length: number): AuditEvent[] {
  return appendEvents(
    EMPTY_CHAIN,
    Array.from({ length }, (_, i) => ({
      agreementId: '01AGR',
      at: new Date(Date.UTC(2022, 6, 26, 9, 0, i)).toISOString(),
      action: 'SIGNATURE_RECORDED' as const,
      party: 'KAZ',
      actor: { sub: 'secretariat-1', role: 'secretariat' as const },
      data: { reason: 'Қазақстан', n: i },
      requestId: `req-${i}`,
    })),
  );
}
const headOf = (events: readonly AuditEvent[]): AgreementHead => ({
  seq: events.length,
  hash: events.at(-1)!.hash,
  partyCodes: ['KAZ'],
});
const auditor = { sub: 'auditor-1', role: 'auditor' } as const;

function fakeStore(
  overrides: Partial<AuditStore> = {},
): AuditStore & { requests: AuditPageRequest[] } {
  const requests: AuditPageRequest[] = [];
  return {
    requests,
    getChainHead: async () => undefined,
    listEvents: async () => ({ items: [], nextCursor: null }),
    listAllEvents: async () => [],
    earliestActivity: async () => '2022-07-26T08:00:00.000Z',
    queryEvents: async (request) => {
      requests.push(request);
      return { items: [], nextCursor: null };
    },
    ...overrides,
  };
}
const depsOf = (audit: AuditStore): AuditDeps => ({ audit, clock: () => NOW });
const query = (input: Record<string, string>) => ZAuditQuery.parse(input);

describe('queryAudit window', () => {
  test('defaults to [oldest conference − skew margin, now)', async () => {
    const store = fakeStore();
    await queryAudit({ query: query({}), deps: depsOf(store) });
    expect(store.requests[0]?.window).toEqual({
      from: new Date(Date.parse('2022-07-26T08:00:00.000Z') - CLOCK_SKEW_MARGIN_MS).toISOString(),
      to: NOW.toISOString(),
    });
    expect(store.requests[0]?.limit).toBe(20);
  });

  test('keeps a from after the floor and a to before now, in UTC', async () => {
    const store = fakeStore();
    await queryAudit({
      query: query({
        from: '2022-07-26T15:30:00+06:00',
        to: '2022-07-27T00:00:00Z',
        action: 'SIGNATURE_RECORDED',
      }),
      deps: depsOf(store),
    });
    expect(store.requests[0]).toMatchObject({
      window: { from: '2022-07-26T09:30:00.000Z', to: '2022-07-27T00:00:00.000Z' },
      filters: { action: 'SIGNATURE_RECORDED' },
    });
  });

  test('clamps a from before the record began and a to in the future', async () => {
    const store = fakeStore();
    await queryAudit({
      query: query({ from: '1970-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' }),
      deps: depsOf(store),
    });
    expect(store.requests[0]?.window?.from).toBe('2022-07-26T07:55:00.000Z');
    expect(store.requests[0]?.window?.to).toBe(NOW.toISOString());
  });

  test('answers an empty window or an empty table without walking any day', async () => {
    const noConference = fakeStore({ earliestActivity: async () => undefined });
    expect(await queryAudit({ query: query({}), deps: depsOf(noConference) })).toEqual({
      items: [],
      nextCursor: null,
    });
    const beforeRecord = fakeStore();
    expect(
      await queryAudit({
        query: query({ to: '2021-01-01T00:00:00Z' }),
        deps: depsOf(beforeRecord),
      }),
    ).toEqual({
      items: [],
      nextCursor: null,
    });
    const future = fakeStore();
    await queryAudit({ query: query({ from: '2030-01-01T00:00:00Z' }), deps: depsOf(future) });
    expect([...noConference.requests, ...beforeRecord.requests, ...future.requests]).toEqual([]);
  });

  test('a later page takes its window from the cursor, bound to the same query', async () => {
    const earliestActivity = vi.fn(async () => '2022-07-26T08:00:00.000Z');
    const store = fakeStore({ earliestActivity });
    await queryAudit({ query: query({ party: 'AZE', cursor: 'abc' }), deps: depsOf(store) });
    await queryAudit({ query: query({ party: 'AZE' }), deps: depsOf(store) });
    expect(earliestActivity).toHaveBeenCalledTimes(1);
    expect(store.requests[0]).toEqual({
      filters: { party: 'AZE' },
      binding: store.requests[1]?.binding,
      limit: 20,
      cursor: 'abc',
    });
    await queryAudit({ query: query({ party: 'KAZ' }), deps: depsOf(store) });
    expect(store.requests[2]?.binding).not.toBe(store.requests[1]?.binding);
  });
});

describe('verifyChain against the agreement head', () => {
  const events = chainOf(6);
  const head = headOf(events);

  test('an intact chain ending at the head is valid', () => {
    expect(verifyChain(events, head)).toEqual({
      valid: true,
      eventCount: 6,
      headHash: head.hash,
    });
  });

  test('events cut off the end are missing from the first seq after the stored ones', () => {
    expect(verifyChain(events.slice(0, 4), head)).toMatchObject({
      valid: false,
      eventCount: 4,
      firstInvalidSeq: 5,
    });
  });

  test('an event appended past the head is the first bad one', () => {
    const [extra] = appendEvents(head, [{ ...events[0]!, action: 'AGREEMENT_CLOSED' }]);
    expect(verifyChain([...events, extra!], head)).toMatchObject({
      valid: false,
      eventCount: 7,
      firstInvalidSeq: 7,
    });
  });

  test('a chain rewritten and re-hashed to the end disagrees with the head at its last event', () => {
    const forged = appendEvents(
      headOf(events.slice(0, 3)),
      events
        .slice(3)
        .map(({ seq: _s, prevHash: _p, hash: _h, ...e }) => ({ ...e, data: { forged: true } })),
    );
    expect(verifyChain([...events.slice(0, 3), ...forged], head)).toMatchObject({
      valid: false,
      firstInvalidSeq: 6,
    });
  });

  test('a break inside the chain is reported where it is', () => {
    const edited = events.map((e) =>
      e.seq === 2 ? { ...e, data: { ...e.data, reason: 'edited' } } : e,
    );
    expect(verifyChain(edited, head)).toMatchObject({ valid: false, firstInvalidSeq: 2 });
  });
});

describe('verifyAgreementHistory', () => {
  test('404 for an unknown agreement', async () => {
    await expect(
      verifyAgreementHistory({ agreementId: 'nope', reader: auditor, deps: depsOf(fakeStore()) }),
    ).rejects.toThrow(NotFoundError);
  });

  test('events committed between reading the head and the events are read again, not reported', async () => {
    const events = chainOf(5);
    const heads = [headOf(events.slice(0, 4)), headOf(events)];
    const store = fakeStore({
      getChainHead: async () => heads.shift() ?? headOf(events),
      listAllEvents: async () => events,
    });
    expect(
      await verifyAgreementHistory({ agreementId: '01AGR', reader: auditor, deps: depsOf(store) }),
    ).toMatchObject({ valid: true, eventCount: 5 });
  });

  test('events past the head that stay there are reported after a few reads', async () => {
    const events = chainOf(5);
    const getChainHead = vi.fn(async () => headOf(events.slice(0, 4)));
    const store = fakeStore({ getChainHead, listAllEvents: async () => events });
    expect(
      await verifyAgreementHistory({ agreementId: '01AGR', reader: auditor, deps: depsOf(store) }),
    ).toMatchObject({ valid: false, firstInvalidSeq: 5 });
    expect(getChainHead).toHaveBeenCalledTimes(3);
  });
});
