import { statusChartOf } from '../../shared/domain/status-chart.js';
import { defineOperation, type OperationResult } from '../../shared/http/operation.js';
import { created, ok } from '../../shared/http/results.js';
import {
  ZAgreementPath,
  ZAgreementQuery,
  ZNotificationQuery,
  ZRecordAct,
  ZSignatoryPath,
} from '../../shared/schemas/requests.js';
import { listNotifications, recordAct } from '../../shared/use-cases/acts.js';
import { readAgreement } from '../../shared/use-cases/agreements.js';
import { pointInTimeOf } from '../../shared/use-cases/summaries.js';
import { deps } from '../deps.js';
import { negotiateHistoryFormat } from './agreement-history.js';
import { statusChartCsv } from './status-chart-csv.js';

/** `POST …/signatories/{party}/acts` → 201 `{ act, signatory }`. */
export const recordActOperation = defineOperation({
  path: ZSignatoryPath,
  body: ZRecordAct,
  run: async ({ path, body, actor, requestId, ifMatch }) => {
    const { act, signatory, agreement } = await recordAct({
      ...path,
      input: body,
      ifMatch,
      actor,
      requestId,
      deps,
    });
    return created({ act, signatory }, agreement.version);
  },
});

/** `GET /v1/agreements/{id}[?asOf=|?asRecordedAt=]`. */
export const getAgreementOperation = defineOperation({
  path: ZAgreementPath,
  query: ZAgreementQuery,
  run: async ({ path, query, actor }) => {
    const point = pointInTimeOf(query);
    const agreement = await readAgreement({
      agreementId: path.agreementId,
      actor,
      ...(point && { point }),
      deps,
    });
    return ok(agreement, agreement.version);
  },
});

/** `GET …/status-chart[?asOf=|?asRecordedAt=]`: JSON, or CSV with `Accept: text/csv`. */
export const getStatusChartOperation = defineOperation({
  path: ZAgreementPath,
  query: ZAgreementQuery,
  run: async ({ path, query, actor, headers }): Promise<OperationResult> => {
    const point = pointInTimeOf(query);
    const chart = statusChartOf(
      await readAgreement({ agreementId: path.agreementId, actor, ...(point && { point }), deps }),
    );
    if (negotiateHistoryFormat(headers.accept) !== 'csv')
      return { status: 200, body: chart, headers: { vary: 'accept' } };
    return {
      status: 200,
      binary: {
        bytes: Buffer.from(statusChartCsv(chart), 'utf8'),
        contentType: 'text/csv; charset=utf-8; header=present',
      },
      headers: {
        vary: 'accept',
        'content-disposition': `attachment; filename="agreement-${chart.agreement.id}-status-chart.csv"`,
      },
    };
  },
});

/** `GET /v1/notifications`. */
export const listNotificationsOperation = defineOperation({
  query: ZNotificationQuery,
  run: async ({ query, actor }) => ok(await listNotifications({ query, actor, deps })),
});
