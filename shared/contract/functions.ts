import { HEALTH_KEY } from '../store/keys.js';
import type { FunctionName } from './route.js';

/**
 * The Lambda functions the routes name: where each one's entry file is (the
 * CDK stack bundles it, the local server imports it) and the DynamoDB
 * actions its role is granted, nothing more.
 */

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'] as const;
/**
 * TransactWriteItems has no IAM action of its own: IAM authorises each item
 * of a transaction by its action. The transactions hold only Puts (with
 * conditions on the items themselves, never a separate ConditionCheck);
 * Update and Delete are the idempotency records' (Powertools).
 */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export type TableAction =
  | (typeof TABLE_READ_ACTIONS)[number]
  | (typeof TABLE_WRITE_ACTIONS)[number];

export type TableAccess = 'RO' | 'RW';

export interface LambdaFunction {
  /** Entry file, relative to the repository root. */
  readonly entry: string;
  readonly tableAccess: TableAccess;
  /** Narrower than `tableAccess` allows, when the function needs less. */
  readonly tableActions?: readonly TableAction[];
  /** Only items whose partition key is one of these (`dynamodb:LeadingKeys`). */
  readonly tableLeadingKeys?: readonly string[];
}

export const LAMBDA_FUNCTIONS: Readonly<Record<FunctionName, LambdaFunction>> = {
  writes: { entry: 'functions/writes.ts', tableAccess: 'RW' },
  reads: { entry: 'functions/reads.ts', tableAccess: 'RO' },
  pdf: { entry: 'functions/pdf.ts', tableAccess: 'RO' },
  audit: { entry: 'functions/audit.ts', tableAccess: 'RO' },
  // Unauthenticated: the health check reads its one item; the docs page reads nothing.
  public: {
    entry: 'functions/public.ts',
    tableAccess: 'RO',
    tableActions: ['dynamodb:GetItem'],
    tableLeadingKeys: [HEALTH_KEY.PK],
  },
  // Public verification of a code: an agreement and its events, a ceremony.
  verify: { entry: 'functions/verify.ts', tableAccess: 'RO' },
  // The seal's certificate and uploaded summaries: the same reads, plus the certificate; never signs.
  sealCheck: { entry: 'functions/seal-check.ts', tableAccess: 'RO' },
};

export const FUNCTION_NAMES = Object.keys(LAMBDA_FUNCTIONS) as FunctionName[];

/** Every action an access level allows. */
export function tableActionsFor(access: TableAccess): readonly TableAction[] {
  return access === 'RW'
    ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]
    : [...TABLE_READ_ACTIONS];
}

/** The actions a function's role is granted on the table. */
export function tableActionsOf(name: FunctionName): readonly TableAction[] {
  const { tableAccess, tableActions } = LAMBDA_FUNCTIONS[name];
  return tableActions ?? tableActionsFor(tableAccess);
}
