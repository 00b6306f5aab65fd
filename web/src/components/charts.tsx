import type { Agreement, AgreementSummary } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import {
  countedBy,
  entryIntoForceText,
  type Progress,
  progressOf,
  type SignatoryStatus,
} from '../lib/progress.js';

/**
 * Progress toward entry into force as inline SVG: one cell per party in its
 * state's colour, a marker at the threshold the rule needs, and the date it
 * was reached. Each chart has a text alternative saying the same.
 */

const STATUS_ORDER: readonly SignatoryStatus[] = ['signed', 'declined', 'withdrawn', 'pending'];

type Translate = ReturnType<typeof useI18n>['t'];

function summary(
  progress: Progress,
  timeZone: string,
  t: Translate,
  plural: ReturnType<typeof useI18n>['plural'],
  locale: string,
) {
  const { counting, counted, total, threshold, remaining } = progress;
  const count =
    counting === 'signatures'
      ? t('progress.signedOf', { signed: progress.signed, total, threshold })
      : counted === undefined
        ? t(`progress.counts.${counting}`, { threshold })
        : t(`progress.countedOf.${counting}`, { counted, total, threshold });
  const outcome =
    entryIntoForceText(progress, timeZone, t, locale) ??
    (remaining === undefined
      ? ''
      : counting === 'signatures'
        ? plural('progress.remaining', remaining)
        : t('progress.moreNeeded', { count: remaining }));
  return { count, outcome };
}

/** `count. outcome.`, without an empty sentence when the outcome is unknown. */
const sentence = ({ count, outcome }: ReturnType<typeof summary>) =>
  outcome ? `${count}. ${outcome}.` : `${count}.`;

export function AgreementChart({
  agreement,
  timeZone,
}: {
  agreement: Agreement;
  timeZone: string;
}) {
  const { t, plural, locale } = useI18n();
  const progress = progressOf(agreement);
  const { count, outcome } = summary(progress, timeZone, t, plural, locale);
  // Under a rule that counts consents or notifications, a cell shows what counts: not the
  // signature (a party may have signed and not consented, or acceded without signing).
  const counting = progress.counting === 'signatures' ? undefined : progress.counting;
  const counts = counting && countedBy[counting];
  const stateOf = (signatory: Agreement['signatories'][number]) =>
    counts ? (counts(signatory) ? 'signed' : 'pending') : signatory.status;
  const labelOf = (signatory: Agreement['signatories'][number]) =>
    counting && counts
      ? t(counts(signatory) ? `progress.legend.${counting}` : 'progress.legend.notYet')
      : t(`signatory.status.${signatory.status}`);
  const parties = [...agreement.signatories].sort(
    (a, b) => STATUS_ORDER.indexOf(stateOf(a)) - STATUS_ORDER.indexOf(stateOf(b)),
  );
  const width = 640;
  const cell = width / Math.max(1, parties.length);
  const thresholdX = (progress.threshold / Math.max(1, progress.total)) * width;
  const id = `chart-${agreement.id}`;
  const labels = parties.length <= 24;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${width} ${labels ? 78 : 58}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        class="chart-svg"
      >
        <title id={`${id}-title`}>{t('progress.label', { title: agreement.title })}</title>
        <desc id={`${id}-desc`}>{sentence({ count, outcome })}</desc>
        {parties.map((signatory, index) => (
          <g key={signatory.party}>
            <rect
              x={index * cell + 1}
              y={14}
              width={Math.max(1, cell - 2)}
              height={30}
              class={`cell cell-${stateOf(signatory)}`}
            >
              <title>{`${signatory.party} ${signatory.partyName}: ${labelOf(signatory)}`}</title>
            </rect>
            {labels && (
              <text x={index * cell + cell / 2} y={62} class="cell-label" text-anchor="middle">
                {signatory.party}
              </text>
            )}
          </g>
        ))}
        {/* Starts below the label, so that the line never crosses its letters. */}
        <line x1={thresholdX} x2={thresholdX} y1={13} y2={50} class="threshold" />
        <text
          x={Math.min(width - 4, Math.max(4, thresholdX))}
          y={10}
          class="threshold-label"
          text-anchor={thresholdX > width - 60 ? 'end' : thresholdX < 60 ? 'start' : 'middle'}
        >
          {t('progress.threshold')}
        </text>
      </svg>
      <figcaption>
        <strong>{count}.</strong> {outcome && `${outcome}.`}
        <Legend progress={progress} />
      </figcaption>
    </figure>
  );
}

function Legend({ progress }: { progress: Progress }) {
  const { t } = useI18n();
  const { counted } = progress;
  if (!progress.byStatus) return null;
  if (counted !== undefined && progress.counting !== 'signatures')
    return (
      <ul class="legend" aria-label={t('progress.legend')}>
        <li>
          <span class="swatch cell-signed" aria-hidden="true" />
          {t(`progress.legend.${progress.counting}`)}: {counted}
        </li>
        <li>
          <span class="swatch cell-pending" aria-hidden="true" />
          {t('progress.legend.notYet')}: {progress.total - counted}
        </li>
      </ul>
    );
  return (
    <ul class="legend" aria-label={t('progress.legend')}>
      {STATUS_ORDER.map((status) => (
        <li key={status}>
          <span class={`swatch cell-${status}`} aria-hidden="true" />
          {t(`signatory.status.${status}`)}: {progress.byStatus![status]}
        </li>
      ))}
    </ul>
  );
}

/** A conference's agreements side by side: signed share, threshold and entry into force. */
export function ConferenceChart({
  agreements,
  timeZone,
}: {
  agreements: readonly AgreementSummary[];
  timeZone: string;
}) {
  const { t, plural, locale } = useI18n();
  if (agreements.length === 0) return null;
  const rowHeight = 50;
  const barX = 0;
  const barWidth = 640;
  const height = agreements.length * rowHeight + 6;
  return (
    <figure class="chart">
      <figcaption id="conference-chart-caption">{t('conference.progress')}</figcaption>
      <svg
        viewBox={`0 0 ${barWidth} ${height}`}
        role="img"
        aria-labelledby="conference-chart-caption"
        class="chart-svg"
      >
        <title>{t('conference.progress')}</title>
        {agreements.map((agreement, index) => {
          const progress = progressOf(agreement);
          const total = Math.max(1, progress.total);
          const label = index * rowHeight + 14;
          const y = label + 8;
          const described = sentence(summary(progress, timeZone, t, plural, locale));
          return (
            <g key={agreement.id}>
              <title>{`${agreement.title}: ${described}`}</title>
              <rect x={barX} y={y} width={barWidth} height={22} class="cell cell-pending" />
              <rect
                x={barX}
                y={y}
                width={(progress.signed / total) * barWidth}
                height={22}
                class={progress.inForce ? 'cell cell-inforce' : 'cell cell-signed'}
              />
              <line
                x1={barX + (progress.threshold / total) * barWidth}
                x2={barX + (progress.threshold / total) * barWidth}
                y1={y - 3}
                y2={y + 25}
                class="threshold"
              />
              <text x={barX} y={label} class="bar-label">
                {`${agreement.title.slice(0, 60)} — ${progress.signed}/${progress.total}`}
              </text>
            </g>
          );
        })}
      </svg>
      <ul class="chart-list">
        {agreements.map((agreement) => {
          const text = sentence(summary(progressOf(agreement), timeZone, t, plural, locale));
          return (
            <li key={agreement.id} dir="auto">
              <span dir="auto">{agreement.title}</span>: {text}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
