import type { Role } from '../shared/domain/types.js';

/**
 * The one route table. The CDK stack makes an HTTP API route (and picks the
 * Lambda function) from each entry; the local server matches requests with
 * it. Pure data so both can read it without loading handler code.
 */

/** Lambda functions, one per concern, each with only the table access it needs. */
export type FunctionName = 'writes' | 'reads' | 'pdf' | 'audit' | 'public';

export type TableAccess = 'RO' | 'RW';

export const functionTableAccess: Readonly<Record<FunctionName, TableAccess>> = {
  writes: 'RW',
  reads: 'RO',
  pdf: 'RO',
  audit: 'RO',
  public: 'RO',
};

export type HttpMethod = 'GET' | 'POST';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway route path, `{name}` for path parameters. */
  readonly path: string;
  /** Stable name: OpenAPI operationId and the key of the handler in its function. */
  readonly operation: string;
  readonly function: FunctionName;
  /** Roles allowed to call it; `public` routes need no token. */
  readonly roles: readonly Role[] | 'public';
  readonly summary: string;
}

const everyone: readonly Role[] = ['secretariat', 'member', 'auditor'];
const secretariat: readonly Role[] = ['secretariat'];
const readers: readonly Role[] = ['secretariat', 'auditor'];

export const routes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/v1/health',
    operation: 'getHealth',
    function: 'public',
    roles: 'public',
    summary: 'Liveness and table reachability',
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    operation: 'getOpenApiDocument',
    function: 'public',
    roles: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
  },
  {
    method: 'GET',
    path: '/docs',
    operation: 'getDocsPage',
    function: 'public',
    roles: 'public',
    summary: 'Interactive API documentation (Swagger UI)',
  },
  {
    method: 'GET',
    path: '/docs/{asset}',
    operation: 'getDocsAsset',
    function: 'public',
    roles: 'public',
    summary: 'Static assets of the documentation page',
  },
  {
    method: 'POST',
    path: '/v1/conferences',
    operation: 'createConference',
    function: 'writes',
    roles: secretariat,
    summary: 'Create a conference',
  },
  {
    method: 'GET',
    path: '/v1/conferences',
    operation: 'listConferences',
    function: 'reads',
    roles: everyone,
    summary: 'List conferences, newest first',
  },
  {
    method: 'GET',
    path: '/v1/conferences/{conferenceId}',
    operation: 'getConference',
    function: 'reads',
    roles: everyone,
    summary: 'Get a conference',
  },
  {
    method: 'POST',
    path: '/v1/conferences/{conferenceId}/agreements',
    operation: 'createAgreement',
    function: 'writes',
    roles: secretariat,
    summary: 'Create an agreement to be signed',
  },
  {
    method: 'GET',
    path: '/v1/conferences/{conferenceId}/agreements',
    operation: 'listAgreements',
    function: 'reads',
    roles: everyone,
    summary: "List a conference's agreements (members: those they are party to)",
  },
  {
    method: 'POST',
    path: '/v1/conferences/{conferenceId}/ceremonies',
    operation: 'createCeremony',
    function: 'writes',
    roles: secretariat,
    summary: 'Schedule a signing ceremony',
  },
  {
    method: 'GET',
    path: '/v1/conferences/{conferenceId}/ceremonies',
    operation: 'listCeremonies',
    function: 'reads',
    roles: everyone,
    summary: "List a conference's ceremonies (members: those they are party to)",
  },
  {
    method: 'GET',
    path: '/v1/agreements/{agreementId}',
    operation: 'getAgreement',
    function: 'reads',
    roles: everyone,
    summary: 'Get an agreement with its signatories',
  },
  {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/open',
    operation: 'openAgreement',
    function: 'writes',
    roles: secretariat,
    summary: 'Open an agreement for signature (draft → open)',
  },
  {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/close',
    operation: 'closeAgreement',
    function: 'writes',
    roles: secretariat,
    summary: 'Close an agreement (open → closed)',
  },
  {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/signature',
    operation: 'recordSignature',
    function: 'writes',
    roles: secretariat,
    summary: "Record a party's signature",
  },
  {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/decline',
    operation: 'declineSignature',
    function: 'writes',
    roles: secretariat,
    summary: 'Record that a party declined to sign',
  },
  {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/withdrawal',
    operation: 'withdrawSignature',
    function: 'writes',
    roles: secretariat,
    summary: "Record a party's withdrawal of its signature",
  },
  {
    method: 'POST',
    path: '/v1/agreements/{agreementId}/signatories/{party}/acts',
    operation: 'recordAct',
    function: 'writes',
    roles: secretariat,
    summary:
      "Record a party's act: signature, ratification, accession, reservation, denunciation, correction, …",
  },
  {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/status-chart',
    operation: 'getStatusChart',
    function: 'reads',
    roles: everyone,
    summary: 'Chart of signatures and ratifications (JSON, or CSV with Accept: text/csv)',
  },
  {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/status-chart.pdf',
    operation: 'getStatusChartPdf',
    function: 'pdf',
    roles: everyone,
    summary: 'Chart of signatures and ratifications as a PDF',
  },
  {
    method: 'GET',
    path: '/v1/notifications',
    operation: 'listNotifications',
    function: 'reads',
    roles: everyone,
    summary: 'Depositary notifications in number order (members: those of their agreements)',
  },
  {
    method: 'GET',
    path: '/v1/ceremonies/{ceremonyId}',
    operation: 'getCeremony',
    function: 'reads',
    roles: everyone,
    summary: 'Get a signing ceremony',
  },
  {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/summary.pdf',
    operation: 'getAgreementSummaryPdf',
    function: 'pdf',
    roles: everyone,
    summary: 'PDF summary of an agreement',
  },
  {
    method: 'GET',
    path: '/v1/ceremonies/{ceremonyId}/summary.pdf',
    operation: 'getCeremonySummaryPdf',
    function: 'pdf',
    roles: everyone,
    summary: 'PDF summary of a signing ceremony',
  },
  {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/history',
    operation: 'getAgreementHistory',
    function: 'audit',
    roles: readers,
    summary: "An agreement's audit events, oldest first",
  },
  {
    method: 'GET',
    path: '/v1/agreements/{agreementId}/history/verification',
    operation: 'verifyAgreementHistory',
    function: 'audit',
    roles: readers,
    summary: "Recompute and verify an agreement's hash chain",
  },
  {
    method: 'GET',
    path: '/v1/audit',
    operation: 'queryAudit',
    function: 'audit',
    roles: readers,
    summary: 'Audit events across all agreements, by time',
  },
];
