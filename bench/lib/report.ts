/** The one table the benchmark prints, and the shape of results.json. */

export type Verdict = 'met' | 'MISSED' | '';

export interface Row {
  readonly figure: string;
  readonly measure: string;
  readonly project: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly goal: string;
  readonly verdict: Verdict;
}

export interface FigureResult {
  readonly rows: Row[];
  /** Every figure behind the rows (samples summarised, counts, sizes), for results.json. */
  readonly data: unknown;
}

export const verdict = (met: boolean | undefined): Verdict =>
  met === undefined ? '' : met ? 'met' : 'MISSED';

export function renderTable(rows: readonly Row[]): string {
  const headers: Row = {
    figure: '#',
    measure: 'measure',
    project: 'project: median (p25–p75)',
    baseline: 'baseline: median (p25–p75)',
    ratio: 'ratio',
    goal: 'goal',
    verdict: '' as Verdict,
  };
  const keys = Object.keys(headers) as (keyof Row)[];
  const all = [headers, ...rows];
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  const line = (row: Row) =>
    `| ${keys.map((key, index) => row[key].padEnd(widths[index]!)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  return [line({ ...headers, verdict: 'goal?' as Verdict }), rule, ...rows.map(line)].join('\n');
}
