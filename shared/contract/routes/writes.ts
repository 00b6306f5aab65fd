import {
  ZCreateAgreement,
  ZCreateCeremony,
  ZCreateConference,
  ZDeclineSignature,
  ZEmptyBody,
  ZRecordAct,
  ZRecordSignature,
  ZWithdrawSignature,
} from '../../schemas/commands.js';
import { ZAgreementPath, ZConferencePath, ZSignatoryPath } from '../../schemas/requests.js';
import {
  defineRoutes,
  type ResponseContract,
  type ResponseSchemaName,
  SECRETARIAT,
} from '../route.js';
import { SUMMIT_REPRESENTATIVES, summitConference } from '../summit.js';

/** Every state-changing route: the writes function, the only one with write access. */

const created = (description: string, schema: ResponseSchemaName): ResponseContract => ({
  description,
  content: { 'application/json': schema },
  headers: ['ETag', 'Location'],
});
const versioned = (description: string, schema: ResponseSchemaName): ResponseContract => ({
  description,
  content: { 'application/json': schema },
  headers: ['ETag'],
});

const signatoryChanged = versioned(
  'The signatory after the change; `ETag` is the new version of the agreement.',
  'Signatory',
);
const signatoryDescription = (transition: string) =>
  `${transition} The agreement must be open; any other transition is a 409 with the signatory's current state.`;

export const writesRoutes = defineRoutes('writes', {
  createConference: {
    method: 'POST',
    path: '/v1/conferences',
    roles: SECRETARIAT,
    tag: 'Conferences',
    summary: 'Create a conference',
    request: { body: ZCreateConference, bodyExample: summitConference() },
    responses: { 201: created('The conference.', 'Conference') },
  },
  createAgreement: {
    method: 'POST',
    path: '/v1/conferences/{conferenceId}/agreements',
    roles: SECRETARIAT,
    tag: 'Agreements',
    summary: 'Create an agreement to be signed',
    description:
      'Every signatory party must be a party of the conference, and none may appear twice (else 422). With `open: true` the agreement is opened at once.',
    request: {
      path: ZConferencePath,
      body: ZCreateAgreement,
      bodyExample: {
        title: 'Protocol of Intent on Digital Cooperation',
        kind: 'protocol',
        documentSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        signatories: [
          { party: 'AZE' },
          { party: 'KAZ' },
          { party: 'KGZ' },
          { party: 'TUR', representative: SUMMIT_REPRESENTATIVES.TUR },
          { party: 'UZB' },
        ],
        entryIntoForce: { rule: 'count', count: 3 },
        open: true,
      },
    },
    responses: { 201: created('The agreement, with every signatory pending.', 'Agreement') },
  },
  createCeremony: {
    method: 'POST',
    path: '/v1/conferences/{conferenceId}/ceremonies',
    roles: SECRETARIAT,
    tag: 'Ceremonies',
    summary: 'Schedule a signing ceremony',
    description: 'Every agreement must belong to the conference (else 422).',
    request: {
      path: ZConferencePath,
      body: ZCreateCeremony,
      bodyExample: {
        title: 'Signing ceremony of the XXIV Summit',
        place: 'Чолпон-Ата, Ruh Ordo',
        scheduledAt: '2022-07-26T15:00:00+06:00',
        agreementIds: ['01J0000000000000000000000A'],
      },
    },
    responses: { 201: created('The ceremony.', 'Ceremony') },
  },
  openAgreement: {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/open',
    roles: SECRETARIAT,
    tag: 'Agreements',
    summary: 'Open an agreement for signature (draft → open)',
    description: 'draft → open. Any other state is a 409.',
    request: { path: ZAgreementPath, body: ZEmptyBody, bodyOptional: true },
    conditional: { ifMatch: true },
    responses: { 200: versioned('The agreement, now open.', 'Agreement') },
  },
  closeAgreement: {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/close',
    roles: SECRETARIAT,
    tag: 'Agreements',
    summary: 'Close an agreement (open → closed)',
    description: 'open → closed. Any other state is a 409.',
    request: { path: ZAgreementPath, body: ZEmptyBody, bodyOptional: true },
    conditional: { ifMatch: true },
    responses: { 200: versioned('The agreement, now closed.', 'Agreement') },
  },
  recordSignature: {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/signature',
    roles: SECRETARIAT,
    tag: 'Signatories',
    summary: "Record a party's signature",
    description: signatoryDescription(
      'pending → signed, or declined → signed. `signedAt` may not lie in the future (422).',
    ),
    request: {
      path: ZSignatoryPath,
      body: ZRecordSignature,
      bodyExample: {
        signedBy: SUMMIT_REPRESENTATIVES.KGZ,
        signedAt: '2022-07-26T15:30:00+06:00',
        place: 'Чолпон-Ата',
      },
    },
    conditional: { ifMatch: true },
    responses: { 201: signatoryChanged },
    metric: { name: 'SignaturesRecorded', status: 201 },
  },
  declineSignature: {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/decline',
    roles: SECRETARIAT,
    tag: 'Signatories',
    summary: 'Record that a party declined to sign',
    description: signatoryDescription('pending → declined.'),
    request: {
      path: ZSignatoryPath,
      body: ZDeclineSignature,
      bodyExample: { reason: 'Awaiting parliamentary approval' },
    },
    conditional: { ifMatch: true },
    responses: { 200: signatoryChanged },
  },
  withdrawSignature: {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/withdrawal',
    roles: SECRETARIAT,
    tag: 'Signatories',
    summary: "Record a party's withdrawal of its signature",
    description: signatoryDescription('signed → withdrawn.'),
    request: {
      path: ZSignatoryPath,
      body: ZWithdrawSignature,
      bodyExample: { reason: 'Signature withdrawn by note verbale' },
    },
    conditional: { ifMatch: true },
    responses: { 200: signatoryChanged },
  },
  recordAct: {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/acts',
    roles: SECRETARIAT,
    tag: 'Acts',
    summary:
      "Record a party's act: ratification, accession, reservation, denunciation, correction, …",
    description:
      'Records an act of the party (VCLT arts. 11–18, 23, 24, 56, 65–68); `date` is when it happened, in the depositary’s calendar. Allowed when: `signature` (agreement open, party not signed; `signedAt` defaults to noon of `date` at the venue), `signature-confirmation` (an ad referendum signature awaits it; it counts from the signature’s date), `ratification` / `acceptance` / `approval` (after a non-definitive signature), `accession` (without signature, also after closing), `succession`, `domestic-procedures-completed` (after signature), `provisional-application[-ended]`, `reservation` / `declaration` (`madeAt: signature` needs a signature; a reservation made at signature lapses once consent is given without a reservation made at consent that confirms it through `relatesTo`), `reservation-withdrawn`, `objection` (to another party’s reservation), `denunciation` (party in force; effective after the notice period), `decline` and `signature-withdrawn` (as the v1 routes), `correction` (supersedes an act of the party; the original stays, marked `correctedBy`). A state that forbids the act: 409 with the current standing; a reference to an act that does not fit, a date in the future or before 1900, or corrected fields that would make the act invalid: 422. Every act is an audit event (`ACT_RECORDED`, `data.act`) and takes the next depositary notification number of its year (`<prefix>/<yyyy>/<n>`) in the same transaction.',
    request: {
      path: ZSignatoryPath,
      body: ZRecordAct,
      bodyExample: {
        type: 'ratification',
        date: '2023-03-15',
        instrument: { reference: 'Law No. 123-VII' },
      },
    },
    conditional: { ifMatch: true },
    problems: [422],
    responses: {
      201: versioned(
        'The act (id `<agreementId>:<seq>`, notification number) and the signatory after it; `ETag` is the new version of the agreement.',
        'ActRecorded',
      ),
    },
  },
});
