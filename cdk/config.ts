import { Duration } from 'aws-cdk-lib';
import { ClientAttributes } from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { FunctionName } from '../shared/contract/route.js';

/**
 * Deployment settings in one place, so the README, the stacks and the tests
 * agree. Sizing rationale is in cdk/README.md ("Lambda sizing").
 */

export const SERVICE_NAME = 'signing-tracker';
export const METRICS_NAMESPACE = 'SigningTracker';

/** Cognito groups; the handlers map them onto roles (`shared/http/auth.ts`). */
export const USER_GROUPS = [
  {
    name: 'secretariat',
    precedence: 0,
    description: 'Conference secretariat: creates and records everything',
  },
  { name: 'auditor', precedence: 1, description: 'Reads everything, including the audit trail' },
  {
    name: 'member',
    precedence: 2,
    description: 'Delegation of one party (custom:party): reads its own records',
  },
] as const;

/** The custom attribute carrying a member's party code, `custom:party` in tokens. */
export const PARTY_ATTRIBUTE = 'party';

/** What every app client may read: the party travels in the ID token. */
export const clientReadAttributes = () =>
  new ClientAttributes()
    .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
    .withCustomAttributes(PARTY_ATTRIBUTE);

/**
 * Users must not be able to change their own party (they would widen what they
 * can read): only `name` is self-writable; `custom:party` is set by an administrator.
 */
export const clientWriteAttributes = () =>
  new ClientAttributes().withStandardAttributes({ fullname: true });

export interface FunctionSettings {
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
}

/**
 * Memory buys CPU on Lambda (1,769 MB = one vCPU), so CPU-bound functions
 * get more. Timeouts stay well under the 29 s HTTP API integration limit
 * and above the DynamoDB client's own bounded retries (3 attempts x 3 s).
 */
export const FUNCTION_SETTINGS: Readonly<Record<FunctionName, FunctionSettings>> = {
  public: {
    description: 'Health check, unmatched routes ($default) and the public API docs',
    memorySize: 256,
    timeout: Duration.seconds(5),
  },
  reads: {
    description: 'Conference, agreement and ceremony reads',
    memorySize: 512,
    timeout: Duration.seconds(10),
  },
  writes: {
    description: 'Commands: create, open, close, sign, decline, withdraw',
    memorySize: 512,
    timeout: Duration.seconds(10),
  },
  audit: {
    description: 'Audit history, hash-chain verification and the cross-agreement audit query',
    memorySize: 1024,
    timeout: Duration.seconds(15),
  },
  pdf: {
    description: 'PDF summaries of agreements and ceremonies, sealed with the KMS key',
    memorySize: 1536,
    timeout: Duration.seconds(20),
  },
  verify: {
    description: 'Public verification of a summary by its code (the QR code)',
    memorySize: 512,
    timeout: Duration.seconds(10),
  },
  sealCheck: {
    description: "The seal's certificate and the check of an uploaded summary's seal",
    memorySize: 512,
    timeout: Duration.seconds(10),
  },
};

/**
 * The PDF function's role has this fixed name, so that the seal key's
 * policy (in the stateful stack, deployed first) can refuse `kms:Sign` to
 * every other principal without referring to the API stack.
 */
export const sealSignerRoleName = (region: string) => `${SERVICE_NAME}-pdf-${region}`;

/** Stage-wide throttling (per account and region limits still apply on top). */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** Retention for Lambda and access logs. */
export const LOG_RETENTION = RetentionDays.THREE_MONTHS;
