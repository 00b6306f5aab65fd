import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../cdk/config.js';
import { INTEGRITY_FAILURES_METRIC } from '../../shared/http/metric-names.js';
import { resourcesOf, type Synthesized, synthesize } from './synth.js';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize({ nag: false });
});

describe('integrity of what summaries show', () => {
  test('any IntegrityFailures datapoint alarms, to the alarm topic', () => {
    synth.apiTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRICS_NAMESPACE,
      MetricName: INTEGRITY_FAILURES_METRIC,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmTopic') }],
    });
    const matching = Object.values(resourcesOf(synth.apiTemplate, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties?.MetricName === INTEGRITY_FAILURES_METRIC,
    );
    expect(matching).toHaveLength(1);
  });
});
