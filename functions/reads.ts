import { createApiHandler } from '../shared/http/api-handler.js';
import {
  getAgreementOperation,
  getStatusChartOperation,
  listNotificationsOperation,
} from './operations/acts.js';
import { getCeremonyOperation, listCeremoniesOperation } from './operations/ceremonies.js';
import { getConferenceOperation } from './operations/get-conference.js';
import { listAgreementsOperation } from './operations/list-agreements.js';
import { listConferencesOperation } from './operations/list-conferences.js';

/** Lambda: JSON reads of conferences, agreements and ceremonies. */
export const handler = createApiHandler('reads', {
  listConferences: listConferencesOperation,
  getConference: getConferenceOperation,
  listAgreements: listAgreementsOperation,
  getAgreement: getAgreementOperation,
  listCeremonies: listCeremoniesOperation,
  getCeremony: getCeremonyOperation,
  getStatusChart: getStatusChartOperation,
  listNotifications: listNotificationsOperation,
});
