import { actsOf } from '../domain/act-rules.js';
import type { Act, ActInput, ActView } from '../domain/acts.js';
import { recordAct as appendAct } from '../domain/agreement-changes.js';
import type { SignatoryView } from '../domain/agreement-view.js';
import { noonInZone } from '../domain/calendar-date.js';
import { assertCeremonyCovers } from '../domain/conference.js';
import { UnprocessableError } from '../domain/errors.js';
import { toUtcTimestamp } from '../domain/time.js';
import type { Agreement } from '../domain/types.js';
import { type TRecordAct, ZRecordAct } from '../schemas/commands.js';
import { type Caller, changeAgreementByAct, getAgreement, presentSignatory } from './agreements.js';
import { getConference } from './conferences.js';

/** A correction's fields must leave the act it supersedes valid for its type. */
function checkCorrection(input: Extract<TRecordAct, { type: 'correction' }>, acts: readonly Act[]) {
  const original = acts.find((act) => act.id === input.relatesTo);
  if (!original) return; // the domain refuses it with the reason
  const { id: _id, party: _party, recordedAt: _at, notification: _n, ...fields } = original;
  const corrected = ZRecordAct.safeParse({ ...fields, ...input.fields, type: original.type });
  if (!corrected.success) {
    throw new UnprocessableError(
      'The corrected act would not be valid.',
      corrected.error.issues.map((issue) => ({
        path: ['fields', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
}

/**
 * `POST …/signatories/{party}/acts`: checks the act against the record,
 * numbers it and commits it with its event in one transaction.
 */
export async function recordAct(
  caller: Caller & {
    agreementId: string;
    party: string;
    ifMatch?: readonly number[];
    input: TRecordAct;
  },
): Promise<{ act: ActView; signatory: SignatoryView; agreement: Agreement }> {
  const { input, deps } = caller;
  // A signature dated by day is signed at noon on the venue's clock: only then is the
  // agreement's conference needed before the change (which reads the agreement itself).
  const venueClock = input.type === 'signature' && !input.signedAt;
  const [conference, ceremony] = await Promise.all([
    venueClock
      ? getAgreement({ agreementId: caller.agreementId, actor: caller.actor, deps }).then(
          (current) => getConference({ conferenceId: current.conferenceId, deps }),
        )
      : undefined,
    input.type === 'signature' && input.ceremonyId
      ? deps.store.getCeremony(input.ceremonyId)
      : undefined,
  ]);
  const domainInput: ActInput =
    input.type === 'signature'
      ? {
          ...input,
          signedAt: input.signedAt
            ? toUtcTimestamp(input.signedAt)
            : noonInZone(input.date, conference!.timeZone),
        }
      : input;
  const transition = await changeAgreementByAct(caller, (before, context, recording) => {
    if (input.type === 'correction') checkCorrection(input, actsOf(before.signatories));
    const result = appendAct(before, caller.party, domainInput, context, recording);
    if (input.type === 'signature' && input.ceremonyId)
      assertCeremonyCovers(ceremony, caller.agreementId);
    return result;
  });
  const signatory = presentSignatory(transition.after, caller.party, deps);
  return {
    act: signatory.acts.find((act) => act.id === transition.act!.id)!,
    signatory,
    agreement: transition.after,
  };
}
