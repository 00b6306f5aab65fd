import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { INTEGRITY_FAILURES_METRIC } from '../../shared/http/metric-names.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../config.js';

export interface ApiAlarmsProps {
  readonly api: IHttpApi;
  /** The stage's JSON access logs (`status` as a string). */
  readonly accessLogs: ILogGroup;
  /** CloudWatch namespace of the service's own metrics. */
  readonly metricsNamespace: string;
  readonly functions: readonly IFunction[];
  readonly table: ITableV2;
  readonly topic: ITopic;
}

/** API 5xx above this share of requests (percent) alarms. */
export const SERVER_ERROR_RATE_THRESHOLD = 5;
/** Below this many requests a minute the 5xx rate is noise, not signal. */
export const SERVER_ERROR_RATE_MIN_REQUESTS = 10;

/**
 * The operations the service calls. Alarms on DynamoDB per-operation
 * metrics need them listed, and one alarm may combine at most 10 metrics.
 */
export const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * Alarms that mean "users are getting errors now": any 5xx response (a
 * metric filter on the access logs, so one failed request at a
 * secretariat's pace is enough), the API's 5xx rate,
 * Lambda errors (crashes, timeouts) and throttles, DynamoDB system errors
 * and throttled requests, and any record refused by the integrity check.
 * All notify one SNS topic.
 */
export class ApiAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ApiAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const oneMinute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);

    this.add(
      action,
      new Alarm(this, 'Api5xxRate', {
        alarmDescription: `More than ${SERVER_ERROR_RATE_THRESHOLD}% of API requests failed with 5xx in 3 of the last 5 minutes.`,
        metric: new MathExpression({
          label: '5xx rate (%)',
          expression: `IF(requests >= ${SERVER_ERROR_RATE_MIN_REQUESTS}, 100 * errors / requests, 0)`,
          usingMetrics: {
            errors: props.api.metricServerError({ period: oneMinute, statistic: 'Sum' }),
            requests: props.api.metricCount({ period: oneMinute, statistic: 'Sum' }),
          },
          period: oneMinute,
        }),
        threshold: SERVER_ERROR_RATE_THRESHOLD,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );

    // Every response the gateway sent with a 5xx status: handled 500s and 503s of the
    // functions, Lambda timeouts and crashes, integration failures.
    const serverErrors = new MetricFilter(this, 'ServerErrorResponses', {
      logGroup: props.accessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '5*'),
      metricNamespace: props.metricsNamespace,
      metricName: 'ServerErrorResponses',
      metricValue: '1',
    });
    this.add(
      action,
      this.anyIn(
        'AnyServerError',
        'The API answered at least one request with a 5xx in the last 5 minutes.',
        serverErrors.metric({ period: fiveMinutes, statistic: 'Sum' }),
      ),
    );

    for (const fn of props.functions) {
      const name = fn.node.id;
      this.add(
        action,
        this.anyIn(
          `${name}Errors`,
          `${name}: invocations failed (unhandled error, crash or timeout).`,
          fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        ),
        this.anyIn(
          `${name}Throttles`,
          `${name}: invocations throttled (account or function concurrency exhausted).`,
          fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        ),
      );
    }

    this.add(
      action,
      this.anyIn(
        'TableSystemErrors',
        'DynamoDB returned HTTP 500 (system errors) to the service.',
        props.table.metricSystemErrorsForOperations({
          operations: TABLE_OPERATIONS,
          period: fiveMinutes,
        }),
      ),
      this.anyIn(
        'IntegrityFailures',
        'A summary was refused because an agreement and its audit chain disagree: the table was changed behind the API. The ERROR log "Integrity failure" names the agreement and the first bad seq.',
        new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: INTEGRITY_FAILURES_METRIC,
          dimensionsMap: { service: SERVICE_NAME },
          period: fiveMinutes,
          statistic: 'Sum',
        }),
      ),
      this.anyIn(
        'TableThrottledRequests',
        'DynamoDB throttled requests (on-demand limits or a hot partition, e.g. one day of audit events in GSI2).',
        props.table.metricThrottledRequestsForOperations({
          operations: TABLE_OPERATIONS,
          period: fiveMinutes,
        }),
      ),
    );
  }

  /** Alarms when `metric` (a sum over its period) is 1 or more: one occurrence is news. */
  private anyIn(id: string, alarmDescription: string, metric: IMetric): Alarm {
    return new Alarm(this, id, {
      alarmDescription,
      metric,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  private add(action: IAlarmAction, ...alarms: Alarm[]): void {
    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    }
  }
}
