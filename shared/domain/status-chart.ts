import { type ActView, applyCorrections, type ConsentType } from './acts.js';
import type { AgreementView } from './agreement-view.js';
import type { CalendarDate } from './calendar-date.js';
import { denunciationOf, type Marker } from './standing.js';

/**
 * The chart of signatures and ratifications, in the manner of the Council
 * of Europe's: one row per party, its signature, its consent with the
 * type's marker, the date in force for it, markers, and numbered notes for
 * reservations, declarations and objections. Derived from the agreement
 * view, so `asOf` and `asRecordedAt` charts come for free.
 */

/** How depositaries mark the kind of consent next to its date (UN Treaty Collection usage). */
export const CONSENT_MARKERS: Readonly<Record<ConsentType, string>> = {
  signature: 's',
  ratification: '',
  acceptance: 'A',
  approval: 'AA',
  accession: 'a',
  succession: 'd',
};

export interface ChartNote {
  readonly number: number;
  readonly type: 'reservation' | 'declaration' | 'objection';
  readonly date: CalendarDate;
  readonly text: string;
  readonly articles?: readonly string[];
  /** A reservation made at signature that consent was given without. */
  readonly lapsed?: true;
  /** When the party withdrew this reservation. */
  readonly withdrawn?: CalendarDate;
}

export interface ChartRow {
  readonly party: string;
  readonly partyName: string;
  readonly signature?: CalendarDate;
  readonly consent?: {
    readonly type: ConsentType;
    readonly date: CalendarDate;
    readonly marker: string;
  };
  readonly inForceFor?: CalendarDate;
  /** The day the party notified its denunciation (shown once notified, before it takes effect too). */
  readonly denouncedOn?: CalendarDate;
  /** The day that denunciation takes effect. */
  readonly denunciationEffective?: CalendarDate;
  readonly markers: readonly Marker[];
  readonly notes: readonly ChartNote[];
}

export interface StatusChart {
  readonly agreement: {
    readonly id: string;
    readonly title: string;
    readonly inForce: boolean;
    readonly inForceAt?: string;
  };
  readonly asOf: CalendarDate;
  readonly asRecordedAt?: string;
  readonly rows: readonly ChartRow[];
  readonly totals: {
    readonly parties: number;
    readonly signatures: number;
    readonly consents: number;
    readonly inForce: number;
  };
}

export function statusChartOf(view: AgreementView): StatusChart {
  let number = 0;
  const rows = view.signatories.map((signatory): ChartRow => {
    // Corrections are recorded under the party whose act they supersede.
    const acts = applyCorrections(signatory.acts).effective as readonly ActView[];
    const signature = acts.findLast((act) => act.type === 'signature');
    const denounced = acts.find((act) => act.type === 'denunciation');
    const denunciation = denounced && denunciationOf(denounced, view.entryIntoForce);
    const withdrawals = new Map(
      acts.flatMap((act) =>
        act.type === 'reservation-withdrawn' ? [[act.relatesTo, act.date] as const] : [],
      ),
    );
    const notes = acts.flatMap((act): ChartNote[] =>
      act.type === 'reservation' || act.type === 'declaration' || act.type === 'objection'
        ? [
            {
              number: ++number,
              type: act.type,
              date: act.date,
              text: act.text,
              ...('articles' in act && act.articles && { articles: act.articles }),
              ...(act.lapsed && { lapsed: true as const }),
              ...(withdrawals.has(act.id) && { withdrawn: withdrawals.get(act.id)! }),
            },
          ]
        : [],
    );
    return {
      party: signatory.party,
      partyName: signatory.partyName,
      ...(signature && signatory.status === 'signed' && { signature: signature.date }),
      ...(signatory.consent && {
        consent: { ...signatory.consent, marker: CONSENT_MARKERS[signatory.consent.type] },
      }),
      ...(signatory.inForceFor && { inForceFor: signatory.inForceFor }),
      ...(denunciation && {
        denouncedOn: denunciation.date,
        denunciationEffective: denunciation.effectiveDate,
      }),
      markers: signatory.markers,
      notes,
    };
  });
  return {
    agreement: {
      id: view.id,
      title: view.title,
      inForce: view.inForce,
      ...(view.inForceAt && { inForceAt: view.inForceAt }),
    },
    asOf: view.asOf,
    ...(view.asRecordedAt && { asRecordedAt: view.asRecordedAt }),
    rows,
    totals: {
      parties: rows.length,
      signatures: rows.filter((row) => row.signature).length,
      consents: rows.filter((row) => row.consent).length,
      inForce: view.signatories.filter((s) => s.standing === 'party').length,
    },
  };
}
