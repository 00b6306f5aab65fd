import { describe, expect, it } from 'vitest';
import type { ActView } from '../../../shared/domain/acts.js';
import { viewOf } from '../../../shared/domain/agreement-view.js';
import { statusChartOf } from '../../../shared/domain/status-chart.js';
import type { Agreement, EntryIntoForceRule } from '../../../shared/domain/types.js';
import { renderStatusChart } from '../../../shared/pdf/index.js';
import { typeMetrics } from '../../../shared/pdf/shaping.js';
import { layoutStatusChart } from '../../../shared/pdf/status-chart.js';
import { agreement, conference } from './fixtures.js';
import { readPdf } from './pdf-reader.js';

/** A consents convention: P1 withdraws its reservation, P2 denounces later, P3 has denounced. */
let seq = 10;
const act = (party: string, date: string, details: Record<string, unknown>) =>
  ({
    id: `agr-chart:${seq++}`,
    party,
    date,
    recordedAt: `${date}T06:00:00.000Z`,
    ...details,
  }) as ActView;
const signature = (party: string, date: string) =>
  act(party, date, {
    type: 'signature',
    kind: 'simple',
    signedBy: { name: 'N', title: 'T' },
    signedAt: `${date}T06:00:00.000Z`,
  });
const reservation = act('P1', '2023-03-01', {
  type: 'reservation',
  madeAt: 'consent',
  text: 'Article 5 applies to state bodies only',
});
const acts: Record<string, ActView[]> = {
  P1: [
    signature('P1', '2023-01-10'),
    act('P1', '2023-03-01', { type: 'ratification' }),
    reservation,
    act('P1', '2023-09-01', { type: 'reservation-withdrawn', relatesTo: reservation.id }),
  ],
  P2: [
    signature('P2', '2023-01-10'),
    act('P2', '2023-02-01', { type: 'ratification' }),
    act('P2', '2024-03-15', { type: 'denunciation' }),
  ],
  P3: [
    signature('P3', '2023-01-10'),
    act('P3', '2023-02-01', { type: 'acceptance' }),
    act('P3', '2023-04-15', { type: 'denunciation' }),
  ],
};
const rule: EntryIntoForceRule = { rule: 'count', count: 2, counting: 'consents' };
const convention: Agreement = {
  ...agreement,
  id: 'agr-chart',
  entryIntoForce: rule,
  inForce: false,
  inForceAt: undefined,
  signatories: Object.entries(acts).map(([party, list]) => ({
    party,
    partyName: `Party ${party}`,
    status: 'signed',
    updatedAt: '2023-01-10T06:00:00.000Z',
    acts: list,
  })),
};
const render = (chart: ReturnType<typeof statusChartOf>, rules: EntryIntoForceRule) =>
  renderStatusChart({
    chart,
    conference,
    rule: rules,
    chain: { headSeq: 12, headHash: 'ab'.repeat(32) },
    updatedAt: '2024-06-30T10:00:00.000Z',
  });

describe('the status chart', () => {
  const chart = statusChartOf(viewOf(convention, '2024-06-30'));
  const row = (party: string) => chart.rows.find((r) => r.party === party)!;

  it('says a reservation was withdrawn, where its note used to read as standing', async () => {
    expect(row('P1').notes).toEqual([expect.objectContaining({ withdrawn: '2023-09-01' })]);
    expect(row('P1').markers).not.toContain('R');
    const [page] = (await readPdf(await render(chart, rule))).pages;
    expect(page).toContain('withdrawn on 01/09/2023');
  });

  it('shows a denunciation once notified, with the day it takes effect', async () => {
    expect(row('P2')).toMatchObject({
      denouncedOn: '2024-03-15',
      denunciationEffective: '2025-03-15',
    });
    expect(row('P3')).toMatchObject({
      denouncedOn: '2023-04-15',
      denunciationEffective: '2024-04-15',
    });
    const [page] = (await readPdf(await render(chart, rule))).pages;
    expect(page).toContain('15/03/2025 (notified 15/03/2024)');
    expect(page).toContain('3 parties · 3 signatures · 3 consents');
  });

  it('dates entry into force and the recorded moment on the venue’s clock', async () => {
    // 19:00 UTC on 26 July is 01:00 on 27 July in Bishkek.
    const late = { ...agreement, inForce: true, inForceAt: '2022-07-26T19:00:00.000Z' };
    const view = viewOf(late, '2024-06-30');
    const recorded = { ...statusChartOf(view), asRecordedAt: '2024-06-30T19:30:00.000Z' };
    const [page] = (await readPdf(await render(recorded, view.entryIntoForce))).pages;
    expect(page).toContain(
      'In force since 27/07/2022, as recorded at 1 Jul 2024, 01:30 (UTC+06:00)',
    );
  });

  it('sets each marker in a column of its own, under its letter', async () => {
    // Before P1 withdrew its reservation: an R in its row.
    const [page] = layoutStatusChart(
      {
        chart: statusChartOf(viewOf(convention, '2023-06-30')),
        conference,
        rule,
        chain: { headSeq: 12, headHash: 'ab'.repeat(32) },
        updatedAt: '2024-06-30T10:00:00.000Z',
      },
      await typeMetrics(),
    );
    const texts = page!.filter((box) => box.kind === 'text');
    const header = texts.find((box) => box.text === 'R' && box.face === 'bold')!;
    const marks = texts.filter((box) => box.text === 'R' && box.face !== 'bold');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.x).toBeCloseTo(header.x, 6);
  });

  it('words an "all" rule in the plural', async () => {
    const all = { ...convention, entryIntoForce: { rule: 'all' } as const };
    const [page] = (
      await readPdf(await render(statusChartOf(viewOf(all, '2024-06-30')), { rule: 'all' }))
    ).pages;
    expect(page).toContain('Upon the last of the 3 signatures');
  });
});
