import type { LogItem } from '@aws-lambda-powertools/logger';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Powertools for AWS Lambda, one instance each per container: structured
 * JSON logs (CloudWatch), EMF metrics and X-Ray traces. On a workstation the
 * logs are one readable line each unless LOG_FORMAT=json, and metrics stay
 * off unless asked for; tracing switches itself off outside Lambda.
 */

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'signing-tracker';
const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
const jsonLogs = inLambda || process.env.LOG_FORMAT === 'json';

/** Prints `time LEVEL message key=value …` instead of JSON, for people reading a terminal. */
class ReadableLogger extends Logger {
  protected override printLog(logLevel: number, log: LogItem): void {
    log.prepareForPrint();
    const {
      timestamp,
      level,
      message,
      service: _service,
      sampling_rate: _rate,
      // Lambda context fields: constant on a workstation, noise in a terminal.
      function_arn: _arn,
      function_memory_size: _memory,
      function_request_id: _invocation,
      cold_start: _coldStart,
      ...rest
    } = log.getAttributes();
    const details = Object.entries(rest)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const line = `${String(timestamp).slice(11, 23)} ${String(level).padEnd(5)} ${message}${details ? ` ${details}` : ''}`;
    (logLevel >= 16 ? process.stderr : process.stdout).write(`${line}\n`);
  }
}

export const logger = jsonLogs ? new Logger({ serviceName }) : new ReadableLogger({ serviceName });

export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SigningTracker',
});

export const tracer = new Tracer({ serviceName });
