import type { FigureResult, Row } from '../lib/report.js';
import { verdict } from '../lib/report.js';
import { fmt } from '../lib/stats.js';
import { errorLine, type SubjectResult } from './cold-start.js';

/**
 * Figure 6: peak RSS (VmHWM of the process image, see invoke.mjs) of (a) a fresh process that
 * renders the 300-signatory summary with the project's renderer and (b) the
 * PDF function's bundle cold-starting and serving its first summary, of 5
 * and of 300 signatories, against the hello floor's process. Samples come
 * from measureColdStarts (fresh processes, median).
 */

const MB = 1024;
/** "Comfortably within 256 MB": at most three quarters of it. */
const COMFORT_KB = 192 * MB;

export function memoryFigure(
  results: Record<string, SubjectResult>,
  helloName: string,
): FigureResult {
  const hello = results[helloName]!;
  const floor = `${fmt(hello.peakRssKb.median / MB)} MB (hello process)`;
  const rows: Row[] = [];
  const entries: [string, string][] = [
    ['render300', 'peak RSS: render 300 signatories, fresh process'],
    ['pdf', 'peak RSS: pdf cold start + first PDF (5 signatories)'],
    ['pdf300', 'peak RSS: pdf cold start + first PDF (300 signatories)'],
  ];
  for (const [name, measure] of entries) {
    const result = results[name];
    if (!result) continue;
    const rss = result.peakRssKb.median;
    rows.push({
      figure: '6',
      measure,
      project: result.error
        ? `FAILED: ${errorLine(result.error)}`
        : `${fmt(rss / MB)} MB (${fmt(result.peakRssKb.min / MB)}–${fmt(result.peakRssKb.max / MB)})`,
      baseline: floor,
      ratio: '',
      goal: name === 'render300' ? '' : '≤ 192 MB (¾ of 256)',
      verdict:
        name === 'render300' || result.error
          ? result.error
            ? 'MISSED'
            : ''
          : verdict(rss <= COMFORT_KB),
    });
  }
  return {
    rows,
    data: Object.fromEntries(
      [helloName, ...entries.map(([name]) => name)].map((name) => [
        name,
        results[name] && {
          peakRssMb: results[name].peakRssKb.median / MB,
          minMb: results[name].peakRssKb.min / MB,
          maxMb: results[name].peakRssKb.max / MB,
          samples: results[name].peakRssKb.n,
        },
      ]),
    ),
  };
}
