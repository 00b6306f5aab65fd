import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolRiskConfigurationAttachment,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
} from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { SEAL_CERTIFICATE_PARAMETER, SEAL_KEY_ALIAS } from '../../shared/seal/seal-key-from-env.js';
import { GSI1, GSI2, KEY, TTL_ATTRIBUTE } from '../../shared/store/keys.js';
import { PARTY_ATTRIBUTE, SERVICE_NAME, sealSignerRoleName, USER_GROUPS } from '../config.js';

/** What the certificate parameter holds until an operator stores the certificate. */
export const SEAL_CERTIFICATE_PENDING =
  'No certificate yet: create it with `npm run seal-certificate` (cdk/README.md, "The seal").';

export interface StatefulStackProps extends StackProps {
  /** The seal's certificate (PEM), once made for the key (context `sealCertificate`). */
  readonly sealCertificatePem?: string;
  /**
   * A principal (role ARN) that may also sign with the seal key, for as long
   * as it takes to make the key's certificate (context `sealCertificateIssuer`).
   */
  readonly sealCertificateIssuer?: string;
}

/**
 * Everything that holds data and must outlive redeployments of the API:
 * the single table and the user pool. Both are retained on stack deletion
 * and replacement (but removed when their very first create rolls back, so
 * a failed first deploy orphans nothing) and protected against accidental
 * deletion; the stateless API stack can be
 * destroyed and recreated freely.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** Global secondary indexes, for Query grants on the index ARNs. */
  readonly indexNames: readonly string[] = [GSI1.name, GSI2.name];
  /** The seal's asymmetric key: only the PDF function may sign with it. */
  readonly sealKey: Key;
  readonly sealCertificate: StringParameter;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);

    // The seal's key never leaves KMS. Its policy lets the account administer it (and grant
    // through IAM), and refuses signing to every principal but the PDF function's role, whatever
    // IAM says: a seal means "the service issued this", never "someone with admin rights did".
    // Only while its certificate is made may one more principal sign (cdk/README.md, "The seal").
    const signerRoleArn = this.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: sealSignerRoleName(this.region),
    });
    this.sealKey = new Key(this, 'SealKey', {
      description: `${SERVICE_NAME}: seals PDF summaries (PAdES, ECDSA P-256 with SHA-256)`,
      alias: SEAL_KEY_ALIAS,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            sid: 'AccountAdministersAndGrantsThroughIam',
            principals: [new AccountRootPrincipal()],
            actions: ['kms:*'],
            resources: ['*'],
          }),
          new PolicyStatement({
            sid: 'OnlyThePdfFunctionSigns',
            effect: Effect.DENY,
            principals: [new AnyPrincipal()],
            actions: ['kms:Sign'],
            resources: ['*'],
            conditions: {
              ArnNotEquals: {
                'aws:PrincipalArn': [
                  signerRoleArn,
                  ...(props.sealCertificateIssuer ? [props.sealCertificateIssuer] : []),
                ],
              },
            },
          }),
        ],
      }),
    });
    this.sealCertificate = new StringParameter(this, 'SealCertificate', {
      parameterName: SEAL_CERTIFICATE_PARAMETER,
      description: `${SERVICE_NAME}: the X.509 certificate (PEM) of the seal key ${SEAL_KEY_ALIAS}`,
      stringValue: props.sealCertificatePem ?? SEAL_CERTIFICATE_PENDING,
    });

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      globalSecondaryIndexes: [GSI1, GSI2].map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partition, type: AttributeType.STRING },
        sortKey: { name: index.sort, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
    });

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts are issued by the secretariat, never self-registered: the group decides authority.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // ISO 3166-1 alpha-3 or an organisation code, as shared/schemas validates it.
        [PARTY_ATTRIBUTE]: new StringAttribute({ minLen: 2, maxLen: 16, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Every account signs in with a TOTP code (enrolled at first sign-in, cdk/README.md).
      // Cognito cannot require MFA per group, so members need it too, as their reads are
      // confidential as well.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    // What ENFORCED threat protection does, for every app client. No email notifications
    // (they would need SES); every user has MFA, yet high risk blocks rather than trusting it.
    new CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
      userPoolId: this.userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
        actions: { eventAction: 'BLOCK' },
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'BLOCK', notify: false },
        },
      },
    });

    for (const group of USER_GROUPS) {
      this.userPool.addGroup(`Group-${group.name}`, {
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });
    }

    this.userPoolClient = this.userPool.addClient('ApiClient', {
      // A public client (CLI, future SPA): no secret to leak.
      generateSecret: false,
      // SRP for applications; USER_PASSWORD_AUTH so that `aws cognito-idp initiate-auth` works for operators.
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      // Users must not be able to change their own party (they would widen what they can read):
      // only `name` is self-writable; `custom:party` is set by an administrator.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(PARTY_ATTRIBUTE),
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SealKeyArn', {
      value: this.sealKey.keyArn,
      description:
        'The seal key: `npm run seal-certificate -- --key-id <this>` makes its certificate',
    });
  }
}
