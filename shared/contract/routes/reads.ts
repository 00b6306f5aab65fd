import {
  ZAgreementPath,
  ZCeremonyPath,
  ZConferencePath,
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
    summary: 'Get an agreement with its signatories',
    request: { path: ZAgreementPath },
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
});
