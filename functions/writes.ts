import { createApiHandler } from '../shared/http/api-handler.js';
import { idempotencyStore } from './deps.js';
import { createCeremonyOperation } from './operations/ceremonies.js';
import {
  closeAgreementOperation,
  openAgreementOperation,
} from './operations/change-agreement-status.js';
import {
  declineSignatureOperation,
  recordSignatureOperation,
  withdrawSignatureOperation,
} from './operations/change-signatory.js';
import { createAgreementOperation } from './operations/create-agreement.js';
import { createConferenceOperation } from './operations/create-conference.js';

/** Lambda: every state-changing route (the only function with write access). */
export const handler = createApiHandler(
  'writes',
  {
    createConference: createConferenceOperation,
    createAgreement: createAgreementOperation,
    createCeremony: createCeremonyOperation,
    openAgreement: openAgreementOperation,
    closeAgreement: closeAgreementOperation,
    recordSignature: recordSignatureOperation,
    declineSignature: declineSignatureOperation,
    withdrawSignature: withdrawSignatureOperation,
  },
  { idempotencyStore },
);
