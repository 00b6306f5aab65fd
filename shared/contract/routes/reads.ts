import {
  ZAgreementPath,
  ZAgreementQuery,
  ZCeremonyPath,
  ZConferencePath,
  ZNotificationQuery,
  ZPageQuery,
} from '../../schemas/requests.js';
import {
  defineRoutes,
  EVERYONE,
  type ResponseContract,
  type ResponseSchemaName,
} from '../route.js';

/** JSON reads of conferences, agreements and ceremonies: the reads function. */

const versioned = (description: string, schema: ResponseSchemaName): ResponseContract => ({
  description,
  content: { 'application/json': schema },
  headers: ['ETag'],
});
const page = (description: string, schema: ResponseSchemaName): ResponseContract => ({
  description,
  content: { 'application/json': schema },
});

export const readsRoutes = defineRoutes('reads', {
  listConferences: {
    method: 'GET',
    path: '/v1/conferences',
    roles: EVERYONE,
    tag: 'Conferences',
    summary: 'List conferences, newest first',
    request: { query: ZPageQuery },
    responses: { 200: page('One page of conferences.', 'ConferencePage') },
  },
  getConference: {
    method: 'GET',
    path: '/v1/conferences/{conferenceId}',
    roles: EVERYONE,
    tag: 'Conferences',
    summary: 'Get a conference',
    request: { path: ZConferencePath },
    responses: { 200: versioned('The conference.', 'Conference') },
  },
  listAgreements: {
    method: 'GET',
    path: '/v1/conferences/{conferenceId}/agreements',
    roles: EVERYONE,
    tag: 'Agreements',
    summary: "List a conference's agreements (members: those they are party to)",
    request: { path: ZConferencePath, query: ZPageQuery },
    responses: { 200: page('One page of agreements, newest first.', 'AgreementSummaryPage') },
  },
  listCeremonies: {
    method: 'GET',
    path: '/v1/conferences/{conferenceId}/ceremonies',
    roles: EVERYONE,
    tag: 'Ceremonies',
    summary: "List a conference's ceremonies (members: those they are party to)",
    request: { path: ZConferencePath, query: ZPageQuery },
    responses: { 200: page('One page of ceremonies, newest first.', 'CeremonyPage') },
  },
  getAgreement: {
    method: 'GET',
    path: '/v1/agreements/{agreementId}',
    roles: EVERYONE,
    tag: 'Agreements',
    summary: 'Get an agreement with its signatories, now or at a point in time',
    description:
      'Each signatory carries its `standing` (none → signatory → contracting → party → denounced), `consent`, `inForceFor`, `markers` and `acts`, derived from its acts for `asOf` (today in the depositary’s calendar unless asked). `?asOf=` gives the agreement as it stood on that date (by act dates, corrections applied); `?asRecordedAt=` what the record said at that moment (events recorded up to then; 404 before the agreement was recorded). Both replay the agreement’s events.',
    request: { path: ZAgreementPath, query: ZAgreementQuery },
    responses: { 200: versioned('The agreement.', 'Agreement') },
  },
  getCeremony: {
    method: 'GET',
    path: '/v1/ceremonies/{ceremonyId}',
    roles: EVERYONE,
    tag: 'Ceremonies',
    summary: 'Get a signing ceremony',
    request: { path: ZCeremonyPath },
    responses: { 200: versioned('The ceremony.', 'Ceremony') },
  },
  getStatusChart: {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/status-chart',
    roles: EVERYONE,
    tag: 'Acts',
    summary: 'Chart of signatures and ratifications (JSON, or CSV with Accept: text/csv)',
    description:
      'One row per party: signature, consent with its marker (s, A, AA, a, d), entry into force for the party, markers and numbered notes. `Accept: text/csv` gives the rows as CSV. Takes `asOf` or `asRecordedAt` like the agreement.',
    request: { path: ZAgreementPath, query: ZAgreementQuery },
    responses: {
      200: {
        description: 'The chart.',
        content: {
          'application/json': 'StatusChart',
          'text/csv': {
            raw: {
              type: 'string',
              description:
                'RFC 4180 with a header row: party, partyName, signature, consent, consentType, consentMarker, inForceFor, denouncedOn, denunciationEffective, markers, notes.',
            },
          },
        },
        headers: ['Vary', 'Content-Disposition'],
      },
    },
  },
  listNotifications: {
    method: 'GET',
    path: '/v1/notifications',
    roles: EVERYONE,
    tag: 'Acts',
    summary: 'Depositary notifications in number order (members: those of their agreements)',
    description:
      'Every act takes a notification number `<prefix>/<yyyy>/<n>` (prefix `NOTIFICATION_PREFIX`, default DN), each year numbered from 1 without gaps. `from` and `to` are issue dates (inclusive, depositary calendar).',
    request: { query: ZNotificationQuery },
    responses: { 200: page('One page of notifications.', 'NotificationPage') },
  },
});
