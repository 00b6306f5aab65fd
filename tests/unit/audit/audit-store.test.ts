import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InvalidRequestError } from '../../../shared/domain/errors.js';
import type { AuditEvent } from '../../../shared/domain/types.js';
import {
  type AuditPageBudget,
  DEFAULT_AUDIT_PAGE_BUDGET,
  DynamoAuditStore,
  decodeAuditCursor,
  encodeAuditCursor,
} from '../../../shared/store/dynamodb-audit-store.js';
import { eventAuditKey, eventKey } from '../../../shared/store/keys.js';
import type { AuditFilters, AuditWindow } from '../../../shared/use-cases/audit.js';
import { FakeAuditTable, syntheticEvent } from './fake-audit-table.js';

const DAY = 86_400_000;
const D0 = Date.parse('2022-07-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function matches(event: AuditEvent, window: AuditWindow, filters: AuditFilters): boolean {
  return (
    event.at >= window.from &&
    event.at < window.to &&
    (filters.action === undefined || event.action === filters.action) &&
    (filters.party === undefined || event.party === filters.party) &&
    (filters.actor === undefined || event.actor.sub === filters.actor)
  );
}

const sortKey = (event: AuditEvent) => eventAuditKey(event.agreementId, event.seq, event.at).GSI2SK;

/** Follows nextCursor to the end, recording each page and the work it did. */
async function walk(
  table: FakeAuditTable,
  store: DynamoAuditStore,
  request: { window: AuditWindow; filters: AuditFilters; limit: number },
) {
  const pages: { items: readonly AuditEvent[]; queries: number; scanned: number }[] = [];
  let cursor: string | undefined;
  do {
    table.resetCounts();
    const page = await store.queryEvents({
      filters: request.filters,
      binding: 'q',
      limit: request.limit,
      ...(cursor ? { cursor } : { window: request.window }),
    });
    pages.push({
      items: page.items,
      queries: table.queries.length,
      scanned: table.queries.reduce((sum, query) => sum + query.scanned, 0),
    });
    cursor = page.nextCursor ?? undefined;
    if (pages.length > 5_000) throw new Error('the walk does not end');
  } while (cursor);
  return pages;
}

describe('audit query over day buckets', () => {
  test('walking every page yields exactly the matching events in time order, each page within budget', async () => {
    // Busy stretches and long gaps: days 0-9 or 60-63 mostly, anything up to 120 sometimes.
    const event = fc.record({
      day: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 9 }) },
        { weight: 2, arbitrary: fc.integer({ min: 60, max: 63 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }) },
      ),
      ms: fc.integer({ min: 0, max: DAY - 1 }),
      agreement: fc.integer({ min: 0, max: 4 }),
      variant: fc.nat(1_000),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { maxLength: 400 }),
        fc.record(
          {
            action: fc.constantFrom(
              'SIGNATURE_RECORDED',
              'SIGNATURE_DECLINED',
              'AGREEMENT_OPENED' as const,
            ),
            party: fc.constantFrom('AZE', 'KAZ', 'UZB'),
            actor: fc.constantFrom('secretariat-0', 'secretariat-1'),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 1, max: 100 }),
        fc.record({
          queries: fc.integer({ min: 1, max: 40 }),
          itemsExamined: fc.integer({ min: 1, max: 120 }),
          parallelDays: fc.integer({ min: 1, max: 8 }),
          filteredChunk: fc.integer({ min: 1, max: 60 }),
          probe: fc.integer({ min: 1, max: 6 }),
        }),
        fc.tuple(
          fc.integer({ min: -5 * DAY, max: 60 * DAY }),
          fc.integer({ min: 1, max: 130 * DAY }),
        ),
        async (drafts, filters, limit, budget: AuditPageBudget, [fromOffset, span]) => {
          const seqs = new Map<number, number>();
          const events = drafts.map((draft) => {
            const seq = (seqs.get(draft.agreement) ?? 0) + 1;
            seqs.set(draft.agreement, seq);
            return syntheticEvent(
              iso(D0 + draft.day * DAY + draft.ms),
              `AGR${draft.agreement}`,
              seq,
              draft.variant,
            );
          });
          const table = new FakeAuditTable(events);
          const store = new DynamoAuditStore(table.client, 'table', budget);
          const window = { from: iso(D0 + fromOffset), to: iso(D0 + fromOffset + span) };

          const pages = await walk(table, store, {
            window,
            filters: filters as AuditFilters,
            limit,
          });

          const expected = events
            .filter((e) => matches(e, window, filters as AuditFilters))
            .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
          expect(pages.flatMap((page) => page.items)).toEqual(expected);
          for (const page of pages) {
            expect(page.items.length).toBeLessThanOrEqual(limit);
            expect(page.queries).toBeLessThanOrEqual(budget.queries);
            expect(page.scanned).toBeLessThanOrEqual(budget.itemsExamined);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('the first page does the same work for 100 events as for 100,000', async () => {
    // Prepare: the same 100 events early on; the large table has 99,900 more after them,
    // on each of the next 100 days.
    const early = Array.from({ length: 100 }, (_, i) =>
      syntheticEvent(iso(D0 + i * 1_000), 'EARLY', i + 1),
    );
    const later = Array.from({ length: 99_900 }, (_, i) =>
      syntheticEvent(
        iso(D0 + DAY / 2 + Math.floor((i * 100 * DAY) / 99_900)),
        `LATE${i % 50}`,
        Math.floor(i / 50) + 1,
        i,
      ),
    );
    const small = new FakeAuditTable(early);
    const large = new FakeAuditTable([...early, ...later]);
    const firstPage = async (table: FakeAuditTable, filters: AuditFilters, from: number) => {
      table.resetCounts();
      const page = await new DynamoAuditStore(table.client, 'table').queryEvents({
        filters,
        binding: 'q',
        limit: 100,
        window: { from: iso(from), to: iso(D0 + 200 * DAY) },
      });
      return {
        items: page.items,
        partitions: table.queries.map((q) => q.partition),
        scanned: table.queries.reduce((sum, q) => sum + q.scanned, 0),
      };
    };
    const budget = DEFAULT_AUDIT_PAGE_BUDGET;

    // Act: a window that starts with the events, and one that starts 40 empty days earlier
    for (const from of [D0, D0 - 40 * DAY]) {
      const onSmall = await firstPage(small, {}, from);
      const onLarge = await firstPage(large, {}, from);
      // Assess: the same queries and (up to the probes of one wave) the same items read
      expect(onLarge.partitions).toEqual(onSmall.partitions);
      expect(onLarge.scanned - onSmall.scanned).toBeLessThan(budget.parallelDays * budget.probe);
    }
    // With a filter that matches little, a page reads through non-matching events, but never
    // more than the budget, whatever the table holds.
    for (const filters of [{ actor: 'nobody' }, { action: 'SIGNATURE_DECLINED' as const }]) {
      for (const from of [D0, D0 - 40 * DAY]) {
        for (const table of [small, large]) {
          const page = await firstPage(table, filters, from);
          expect(page.partitions.length).toBeLessThanOrEqual(budget.queries);
          expect(page.scanned).toBeLessThanOrEqual(budget.itemsExamined);
        }
      }
    }
    // Unfiltered, the first page is the first 100 events even behind 40 empty days
    // (skipped in doubling waves of probes: 1 + 2 + 4 + 8 + 16 + 16 queries).
    const unfiltered = await firstPage(large, {}, D0 - 40 * DAY);
    expect(unfiltered.items.map((e) => e.seq)).toEqual(early.map((e) => e.seq));
    expect(unfiltered.partitions).toHaveLength(1 + 2 + 4 + 8 + 16 + 16 + 1);
  });

  test('a long empty stretch costs one query per day, in a few rounds, and pages resume across it', async () => {
    // Prepare: one event, then 300 empty days, then one more
    const events = [syntheticEvent(iso(D0), 'A', 1), syntheticEvent(iso(D0 + 300 * DAY), 'A', 2)];
    const table = new FakeAuditTable(events);
    const store = new DynamoAuditStore(table.client, 'table');
    // Act
    const pages = await walk(table, store, {
      window: { from: iso(D0), to: iso(D0 + 301 * DAY) },
      filters: {},
      limit: 10,
    });
    // Assess
    expect(pages.flatMap((p) => p.items.map((e) => e.seq))).toEqual([1, 2]);
    // One query per day: the probe of the last day reads it whole.
    expect(pages.reduce((sum, p) => sum + p.queries, 0)).toBe(301);
    expect(Math.max(...pages.map((p) => p.queries))).toBeLessThanOrEqual(
      DEFAULT_AUDIT_PAGE_BUDGET.queries,
    );
  });
  test('quiet days (one event each) are read in widening waves, not one round trip per day', async () => {
    // Prepare: one event a day for 100 days
    const events = Array.from({ length: 100 }, (_, day) =>
      syntheticEvent(iso(D0 + day * DAY + 3_600_000), 'A', day + 1),
    );
    const table = new FakeAuditTable(events);
    const store = new DynamoAuditStore(table.client, 'table');
    table.resetRounds();
    // Act
    const page = await store.queryEvents({
      filters: {},
      binding: 'q',
      limit: 100,
      window: { from: iso(D0), to: iso(D0 + 100 * DAY) },
    });
    // Assess: 1 + 2 + 4 + 8 + 16 + 16 + 16 + 1 days in 8 round trips, within the 64 queries of a page
    expect(page.items.map((e) => e.seq)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(table.rounds).toBe(8);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe('audit cursor', () => {
  const window = { from: '2022-07-01T00:00:00.000Z', to: '2022-08-01T00:00:00.000Z' };
  const key = {
    ...eventKey('01AGR', 3),
    ...eventAuditKey('01AGR', 3, '2022-07-05T10:00:00.000Z'),
  };
  const reject = (cursor: string, binding = 'q') =>
    expect(() => decodeAuditCursor(cursor, binding)).toThrow(InvalidRequestError);
  const forge = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');

  test('round-trips a position with and without a key', () => {
    expect(
      decodeAuditCursor(encodeAuditCursor('q', window, { day: '2022-07-05', key }), 'q'),
    ).toEqual({
      window,
      position: { day: '2022-07-05', key },
    });
    expect(decodeAuditCursor(encodeAuditCursor('q', window, { day: '2022-07-09' }), 'q')).toEqual({
      window,
      position: { day: '2022-07-09' },
    });
  });

  test('rejects garbage, another query, and positions DynamoDB would refuse', () => {
    const valid = JSON.parse(
      Buffer.from(
        encodeAuditCursor('q', window, { day: '2022-07-05', key }),
        'base64url',
      ).toString(),
    );
    reject('garbage!');
    reject('');
    reject(forge(null));
    reject(encodeAuditCursor('q', window, { day: '2022-07-05', key }), 'another query');
    reject(forge({ ...valid, v: 2 }));
    reject(forge({ ...valid, d: '2022-06-30' })); // before the window
    reject(forge({ ...valid, d: '2022-08-01' })); // after it (to is exclusive)
    reject(forge({ ...valid, d: '2022-02-30' }));
    reject(forge({ ...valid, w: { from: window.to, to: window.from } }));
    reject(forge({ ...valid, w: { ...window, to: 'soon' } }));
    reject(forge({ ...valid, k: { ...key, GSI2PK: 'AUDIT#2022-07-06' } })); // another day's partition
    reject(forge({ ...valid, k: { ...key, GSI2SK: '2022-07-05' } })); // before from? no: outside the day key shape
    reject(forge({ ...valid, w: { ...window, to: '2022-07-05T09:00:00.000Z' } })); // key beyond to
    reject(forge({ ...valid, k: { ...key, PK: 'AGR#01AGR' } }));
    reject(forge({ ...valid, k: { ...key, SK: '' } }));
    reject(forge({ ...valid, k: { ...key, extra: 'x' } }));
  });
});
