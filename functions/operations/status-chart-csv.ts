import type { StatusChart } from '../../shared/domain/status-chart.js';
import { csvField } from './agreement-history.js';

export const STATUS_CHART_COLUMNS = [
  'party',
  'partyName',
  'signature',
  'consent',
  'consentType',
  'consentMarker',
  'inForceFor',
  'denouncedOn',
  'markers',
  'notes',
] as const;

/** The chart's rows as RFC 4180 CSV; notes as `number: text` joined by ` | `. */
export function statusChartCsv(chart: StatusChart): string {
  const rows = chart.rows.map((row) =>
    [
      row.party,
      row.partyName,
      row.signature ?? '',
      row.consent?.date ?? '',
      row.consent?.type ?? '',
      row.consent?.marker ?? '',
      row.inForceFor ?? '',
      row.denouncedOn ?? '',
      row.markers.join(' '),
      row.notes
        .map((note) => `${note.number}: ${note.type} ${note.date}: ${note.text}`)
        .join(' | '),
    ]
      .map(csvField)
      .join(','),
  );
  return [STATUS_CHART_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}
