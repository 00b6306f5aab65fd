import { readsRoutes } from '../../shared/contract/routes/reads.js';
import type { StatusChart } from '../../shared/domain/status-chart.js';
import { statusChartOf } from '../../shared/domain/status-chart.js';
import { defineOperation, type OperationResult } from '../../shared/http/operation.js';
import { csvTable, negotiateRepresentation } from '../../shared/http/representations.js';
import { readAgreement } from '../../shared/use-cases/agreements.js';
import { pointInTimeOf } from '../../shared/use-cases/summaries.js';
import { deps } from '../deps.js';

export const STATUS_CHART_COLUMNS = [
  'party',
  'partyName',
  'signature',
  'consent',
  'consentType',
  'consentMarker',
  'inForceFor',
  'denouncedOn',
  'denunciationEffective',
  'markers',
  'notes',
] as const;

/** The chart's rows as RFC 4180 CSV; notes as `number: type date: text` joined by ` | `. */
export function statusChartCsv(chart: StatusChart): string {
  return csvTable(
    STATUS_CHART_COLUMNS,
    chart.rows.map((row) => [
      row.party,
      row.partyName,
      row.signature ?? '',
      row.consent?.date ?? '',
      row.consent?.type ?? '',
      row.consent?.marker ?? '',
      row.inForceFor ?? '',
      row.denouncedOn ?? '',
      row.denunciationEffective ?? '',
      row.markers.join(' '),
      row.notes
        .map(
          (note) =>
            `${note.number}: ${note.type} ${note.date}${note.withdrawn ? ` (withdrawn ${note.withdrawn})` : ''}: ${note.text}`,
        )
        .join(' | '),
    ]),
  );
}

/** `GET …/status-chart[?asOf=|?asRecordedAt=]`: JSON, or CSV with `Accept: text/csv`. */
export const getStatusChartOperation = defineOperation(
  readsRoutes.getStatusChart,
  async ({ path, query, actor, headers }): Promise<OperationResult> => {
    const point = pointInTimeOf(query);
    const chart = statusChartOf(
      await readAgreement({ agreementId: path.agreementId, actor, ...(point && { point }), deps }),
    );
    if (negotiateRepresentation(headers.accept) !== 'csv')
      return { status: 200, body: chart, headers: { vary: 'accept' } };
    return {
      status: 200,
      binary: {
        bytes: Buffer.from(statusChartCsv(chart), 'utf8'),
        contentType: 'text/csv; charset=utf-8; header=present',
      },
      headers: {
        vary: 'accept',
        'content-disposition': `attachment; filename="agreement-${chart.agreement.id}-status-chart.csv"`,
      },
    };
  },
);
