import { readFileSync } from 'node:fs';
import { type App, Tags } from 'aws-cdk-lib';
import { SERVICE_NAME } from './config.js';
import { ApiStack } from './stacks/api-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';

export interface SigningTrackerStacks {
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
}

export const STATEFUL_STACK_NAME = 'SigningTracker-Stateful';
export const API_STACK_NAME = 'SigningTracker-Api';

/**
 * Both stacks of the service. Environment-agnostic on purpose: `cdk synth`
 * needs no AWS account, and nothing here does lookups. `cdk deploy` picks
 * the account and region of the current credentials.
 */
export function createSigningTracker(app: App): SigningTrackerStacks {
  const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');
  const sealCertificate: unknown = app.node.tryGetContext('sealCertificate');
  const sealCertificateIssuer: unknown = app.node.tryGetContext('sealCertificateIssuer');
  const stateful = new StatefulStack(app, STATEFUL_STACK_NAME, {
    description: 'Signing tracker: DynamoDB table, Cognito user pool and the seal key (retained)',
    ...(typeof sealCertificate === 'string' &&
      sealCertificate !== '' && { sealCertificatePem: readFileSync(sealCertificate, 'utf8') }),
    ...(typeof sealCertificateIssuer === 'string' &&
      sealCertificateIssuer !== '' && { sealCertificateIssuer }),
  });
  const api = new ApiStack(app, API_STACK_NAME, {
    description: 'Signing tracker: HTTP API, Lambda functions and alarms',
    table: stateful.table,
    indexNames: stateful.indexNames,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    sealKey: stateful.sealKey,
    sealCertificate: stateful.sealCertificate,
    ...(typeof alarmEmail === 'string' && alarmEmail !== '' && { alarmEmail }),
  });
  Tags.of(app).add('service', SERVICE_NAME);
  return { stateful, api };
}
