import type { components } from '../api/openapi.js';

type AgreementSummary = components['schemas']['AgreementSummary'];
type Signatory = components['schemas']['Signatory'];
export type SignatoryStatus = Signatory['status'];

export interface Progress {
  readonly total: number;
  readonly signed: number;
  /** Signatures the entry-into-force rule needs. */
  readonly threshold: number;
  /** Signatures still missing (0 once in force). */
  readonly remaining: number;
  readonly inForce: boolean;
  readonly inForceAt?: string;
  /** Parties by state, when the signatories are known (an agreement, not a list item). */
  readonly byStatus?: Readonly<Record<SignatoryStatus, number>>;
}

/** Progress toward entry into force, as the charts draw it. */
export function progressOf(
  agreement: AgreementSummary & { signatories?: readonly Signatory[] },
): Progress {
  const { signed, total } = agreement.progress;
  const rule = agreement.entryIntoForce;
  const threshold = rule.rule === 'count' ? Math.min(rule.count, total) : total;
  const byStatus = agreement.signatories
    ? agreement.signatories.reduce<Record<SignatoryStatus, number>>(
        (counts, signatory) => {
          counts[signatory.status] += 1;
          return counts;
        },
        { signed: 0, pending: 0, declined: 0, withdrawn: 0 },
      )
    : undefined;
  return {
    total,
    signed,
    threshold,
    remaining: agreement.inForce ? 0 : Math.max(0, threshold - signed),
    inForce: agreement.inForce,
    ...(agreement.inForceAt && { inForceAt: agreement.inForceAt }),
    ...(byStatus && { byStatus }),
  };
}
