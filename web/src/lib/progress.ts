import { isCalendarDate } from '../../../shared/domain/calendar-date.js';
import type { Counting } from '../../../shared/domain/types.js';
import type { components } from '../api/openapi.js';
import type { I18n } from '../i18n/translate.js';
import { formatDate, formatInstant } from './zoned-time.js';

type AgreementSummary = components['schemas']['AgreementSummary'];
type Signatory = components['schemas']['Signatory'];
export type SignatoryStatus = Signatory['status'];

export interface Progress {
  readonly total: number;
  readonly signed: number;
  readonly counting: Counting;
  /**
   * How many the rule counts now: the signatures, or, for a rule that counts
   * consents or notifications, the parties that gave one (known when the
   * signatories are, i.e. for an agreement, not for a list item).
   */
  readonly counted?: number;
  /** How many the entry-into-force rule needs. */
  readonly threshold: number;
  /** How many are still missing (0 once in force), when `counted` is known. */
  readonly remaining?: number;
  readonly inForce: boolean;
  readonly inForceAt?: string;
  /** Parties by state, when the signatories are known (an agreement, not a list item). */
  readonly byStatus?: Readonly<Record<SignatoryStatus, number>>;
}

/** Whether a party counts toward entry into force under the rule's counting. */
export const countedBy: Readonly<Record<Counting, (signatory: Signatory) => boolean>> = {
  signatures: (signatory) => signatory.status === 'signed',
  consents: (signatory) => signatory.consent !== undefined,
  notifications: (signatory) =>
    signatory.acts.some((act) => act.type === 'domestic-procedures-completed' && !act.correctedBy),
};

/** Progress toward entry into force, as the charts draw it. */
export function progressOf(
  agreement: AgreementSummary & { signatories?: readonly Signatory[] },
): Progress {
  const { signed, total } = agreement.progress;
  const rule = agreement.entryIntoForce;
  const counting = rule.counting ?? 'signatures';
  const threshold = rule.rule === 'count' ? Math.min(rule.count, total) : total;
  const { signatories } = agreement;
  const counted =
    counting === 'signatures'
      ? signed
      : signatories?.filter((signatory) => countedBy[counting](signatory)).length;
  const byStatus = signatories?.reduce<Record<SignatoryStatus, number>>(
    (counts, signatory) => {
      counts[signatory.status] += 1;
      return counts;
    },
    { signed: 0, pending: 0, declined: 0, withdrawn: 0 },
  );
  return {
    total,
    signed,
    counting,
    threshold,
    ...(counted !== undefined && {
      counted,
      remaining: agreement.inForce ? 0 : Math.max(0, threshold - counted),
    }),
    inForce: agreement.inForce,
    ...(agreement.inForceAt && { inForceAt: agreement.inForceAt }),
    ...(byStatus && { byStatus }),
  };
}

/**
 * "In force since …", or "Enters into force on …" while the date is ahead.
 * A rule with a delay gives a calendar date (it has no zone: shown as is),
 * an instant rule the moment of the act that completed the count.
 */
export function entryIntoForceText(
  agreement: { readonly inForce: boolean; readonly inForceAt?: string },
  timeZone: string,
  t: I18n['t'],
  locale: string,
): string | undefined {
  if (!agreement.inForceAt) return undefined;
  const date = isCalendarDate(agreement.inForceAt)
    ? formatDate(agreement.inForceAt, locale)
    : formatInstant(agreement.inForceAt, timeZone, locale);
  return t(agreement.inForce ? 'progress.inForceSince' : 'progress.entersIntoForceOn', { date });
}
