import { createHash } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { ServiceUnavailableError } from '../domain/errors.js';
import { isServiceUnavailable } from '../store/errors.js';
import { fromPem } from './certificate.js';
import { onceUntilFailure } from './once-until-failure.js';
import { type ParameterReader, parametersExtension } from './parameters-extension.js';
import type { SealKey } from './sealer.js';

/**
 * The seal key in AWS: an asymmetric KMS key (ECC_NIST_P256) that never
 * leaves KMS, and its certificate, which an operator stores in an SSM
 * parameter once (cdk/README.md, `npm run seal-certificate`), read through
 * the Parameters and Secrets extension. The function may call `kms:Sign` on
 * this key and nothing else.
 */
export interface KmsSealKeyOptions {
  readonly keyId: string;
  /** Name of the SSM parameter holding the PEM certificate. */
  readonly certificateParameter: string;
  readonly kms?: Pick<KMSClient, 'send'>;
  /** @default the Parameters and Secrets extension (parameters-extension.ts) */
  readonly readParameter?: ParameterReader;
}

/** Seconds a client waits before retrying when KMS or SSM cannot serve. */
const RETRY_AFTER_SECONDS = 2;

/**
 * A throttled or unreachable KMS or SSM is a 503 with Retry-After, like a
 * sick table: nothing was issued and the same request can be sent again.
 */
async function sealServiceCall<T>(service: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isServiceUnavailable(error)) throw error;
    throw new ServiceUnavailableError(
      `${service} cannot seal the summary now; no summary was issued.`,
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
}

export function kmsSealKey(options: KmsSealKeyOptions): SealKey {
  const kms = options.kms ?? new KMSClient({});
  const readParameter = options.readParameter ?? parametersExtension();
  const load = async () => {
    const pem = await sealServiceCall('SSM', () => readParameter(options.certificateParameter));
    if (!pem?.includes('BEGIN CERTIFICATE'))
      throw new Error(
        `SSM parameter ${options.certificateParameter} holds no certificate yet; see cdk/README.md, "The seal".`,
      );
    return fromPem(pem);
  };
  return {
    certificate: onceUntilFailure(load),
    async sign(data) {
      const { Signature } = await sealServiceCall('KMS', () =>
        kms.send(
          new SignCommand({
            KeyId: options.keyId,
            Message: createHash('sha256').update(data).digest(),
            MessageType: 'DIGEST',
            SigningAlgorithm: 'ECDSA_SHA_256',
          }),
        ),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return Signature;
    },
  };
}
