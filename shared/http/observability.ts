import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Powertools for AWS Lambda, one instance each per container: structured
 * JSON logs (CloudWatch) and EMF metrics. On a workstation the logs are
 * short, one line each, unless LOG_FORMAT=json, and metrics stay off unless
 * asked for.
 *
 * Traces come from Lambda's active tracing (each invocation's Init and
 * Invocation segments, with the trace id in every log line), not from an
 * SDK in the function: the X-Ray SDKs have been in maintenance mode since
 * 2026-02-25 and reach end of support on 2027-02-25
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-eos.html),
 * and Powertools Tracer, built on one, cost every cold start ~25 ms.
 */

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'signing-tracker';
const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
const jsonLogs = inLambda || process.env.LOG_FORMAT === 'json';

/**
 * For people reading a terminal: the time of day, level, message and the
 * request's own keys, without the service name, sampling rate and Lambda
 * context fields that are constant on a workstation. (Powertools prints
 * every formatter's result as one JSON line.)
 */
class TerminalLogFormatter extends LogFormatter {
  override formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    return new LogItem({
      attributes: {
        time: attributes.timestamp.toISOString().slice(11, 23),
        level: attributes.logLevel,
        message: attributes.message,
        ...(attributes.lambdaContext && { function: attributes.lambdaContext.functionName }),
      },
    }).addAttributes(additionalLogAttributes);
  }
}

export const logger = new Logger({
  serviceName,
  ...(!jsonLogs && { logFormatter: new TerminalLogFormatter() }),
});

export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SigningTracker',
});
