import { type BenchApi, startBenchApi } from '../lib/api.js';
import { auditLoad } from '../lib/audit-events.js';
import { batchPut, createTable, loaderClient } from '../lib/dynamo.js';
import { type FigureResult, verdict } from '../lib/report.js';
import { fmt, formatRatio, now, ratio, round, summarize } from '../lib/stats.js';

/**
 * Figure 5: the first page of the cross-agreement audit query
 * (`GET /v1/audit?limit=50` as auditor) on a table with 100 events and on
 * one with 100,000, each behind its own local server, requests alternating
 * between the two. Events are bulk-loaded with BatchWriteItem, not through
 * the API: the small table holds 2 agreements × 50 events within one day,
 * the large one 1,000 agreements × 100 events over 90 days. Both start on
 * the same day after their conference's creation, so the first page reads
 * the same day bucket: what differs is only how much else the table holds.
 */

export interface AuditOptions {
  readonly endpoint: string;
  readonly tablePrefix: string;
  readonly largeEvents: number;
  readonly warmup: number;
  readonly samples: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function auditFigure(options: AuditOptions): Promise<FigureResult> {
  // 120 days ago, 08:00 UTC: every generated event lies in the past.
  const start = new Date(Math.floor((Date.now() - 120 * DAY_MS) / DAY_MS) * DAY_MS + 8 * 3600_000);
  const perAgreement = 100;
  const tables = {
    small: {
      table: `${options.tablePrefix}-audit-100`,
      load: auditLoad({
        agreements: 2,
        eventsPerAgreement: 50,
        spreadDays: 1,
        minutesApart: 20,
        start,
      }),
    },
    large: {
      table: `${options.tablePrefix}-audit-${options.largeEvents}`,
      load: auditLoad({
        agreements: Math.ceil(options.largeEvents / perAgreement),
        eventsPerAgreement: perAgreement,
        spreadDays: 90,
        minutesApart: 20,
        start,
      }),
    },
  };
  const loader = loaderClient(options.endpoint);
  const loadMs: Record<string, number> = {};
  for (const [name, { table, load }] of Object.entries(tables)) {
    await createTable(options.endpoint, table);
    loadMs[name] = await batchPut(loader, table, [load.conference, ...load.events], 8);
  }
  loader.destroy();

  const apis: Record<'small' | 'large', BenchApi> = {
    small: await startBenchApi(options.endpoint, tables.small.table),
    large: await startBenchApi(options.endpoint, tables.large.table),
  };
  const samples: Record<'small' | 'large', number[]> = { small: [], large: [] };
  const bad: string[] = [];
  const firstPage = async (which: 'small' | 'large', keep: boolean) => {
    const api = apis[which];
    const start = now();
    const response = await api.request('GET', '/v1/audit?limit=50', api.tokens.auditor);
    const ms = now() - start;
    const items = (response.body as { items?: unknown[] } | undefined)?.items?.length ?? 0;
    if (response.status !== 200 || items !== 50) {
      bad.push(
        `${which}: ${response.status}, ${items} items ${JSON.stringify(response.body).slice(0, 300)}`,
      );
    }
    if (keep) samples[which].push(ms);
  };
  try {
    const total = options.warmup + options.samples;
    for (let i = 0; i < total; i++) {
      const keep = i >= options.warmup;
      const order: ('small' | 'large')[] = i % 2 === 0 ? ['small', 'large'] : ['large', 'small'];
      for (const which of order) await firstPage(which, keep);
      if (bad.length > 0) break;
    }
  } finally {
    await Promise.all([apis.small.stop(), apis.large.stop()]);
  }
  if (bad.length > 0) {
    return {
      rows: [
        {
          figure: '5',
          measure: 'audit first page',
          project: `FAILED: ${bad[0]}`,
          baseline: '',
          ratio: 'n/a',
          goal: '≤ 1.30×',
          verdict: 'MISSED',
        },
      ],
      data: { error: bad },
    };
  }
  const small = summarize(samples.small);
  const large = summarize(samples.large);
  const value = ratio(large.median, small.median);
  const largeCount = tables.large.load.events.length;
  return {
    rows: [
      {
        figure: '5',
        measure: `audit first page, limit 50: ${largeCount.toLocaleString('en')} vs 100 events`,
        project: `${fmt(large.median)} ms (${fmt(large.p25)}–${fmt(large.p75)}) at ${largeCount.toLocaleString('en')}`,
        baseline: `${fmt(small.median)} ms (${fmt(small.p25)}–${fmt(small.p75)}) at 100`,
        ratio: formatRatio(value),
        goal: '≤ 1.30×',
        verdict: verdict(value <= 1.3),
      },
    ],
    data: {
      events: { small: tables.small.load.events.length, large: largeCount },
      loadMs: { small: round(loadMs.small ?? 0, 0), large: round(loadMs.large ?? 0, 0) },
      samples: options.samples,
      smallMs: small,
      largeMs: large,
      ratio: round(value, 3),
    },
  };
}
