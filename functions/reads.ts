import { readsRoutes } from '../shared/contract/routes/reads.js';
import { createApiHandler } from '../shared/http/api-handler.js';
import { getAgreementOperation } from './operations/get-agreement.js';
import { getCeremonyOperation } from './operations/get-ceremony.js';
import { getConferenceOperation } from './operations/get-conference.js';
import { listAgreementsOperation } from './operations/list-agreements.js';
import { listCeremoniesOperation } from './operations/list-ceremonies.js';
import { listConferencesOperation } from './operations/list-conferences.js';
import { listNotificationsOperation } from './operations/list-notifications.js';
import { getStatusChartOperation } from './operations/status-chart.js';

/** Lambda: JSON reads of conferences, agreements and ceremonies. */
export const handler = createApiHandler(readsRoutes, {
  listConferences: listConferencesOperation,
  getConference: getConferenceOperation,
  listAgreements: listAgreementsOperation,
  getAgreement: getAgreementOperation,
  listCeremonies: listCeremoniesOperation,
  getCeremony: getCeremonyOperation,
  getStatusChart: getStatusChartOperation,
  listNotifications: listNotificationsOperation,
});
