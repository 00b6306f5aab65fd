import { join } from 'node:path';
import { openLocalSealKey } from './local-seal-key.js';
import type { SealKey } from './sealer.js';

/** The seal key's alias in AWS (cdk/stacks/stateful-stack.ts); `kms:Sign` accepts it as key id. */
export const SEAL_KEY_ALIAS = 'alias/signing-tracker-seal';
/** The SSM parameter holding the seal's certificate (PEM). */
export const SEAL_CERTIFICATE_PARAMETER = '/signing-tracker/seal/certificate';

/**
 * Which seal key this process uses. In Lambda: the KMS key (by its alias,
 * or `SEAL_KMS_KEY_ID`) with its certificate in SSM (the parameter above, or
 * `SEAL_CERTIFICATE_PARAMETER`). Elsewhere: the local key under
 * `SEAL_KEY_DIR` (the local server sets it to `DATA_DIR/seal`).
 */
export async function sealKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<SealKey> {
  const keyId = env.SEAL_KMS_KEY_ID ?? (env.AWS_LAMBDA_FUNCTION_NAME ? SEAL_KEY_ALIAS : undefined);
  if (keyId) {
    // Loaded only where KMS is used: the local server and the tests never pay for the KMS client.
    const { kmsSealKey } = await import('./kms-seal-key.js');
    return kmsSealKey({
      keyId,
      certificateParameter: env.SEAL_CERTIFICATE_PARAMETER ?? SEAL_CERTIFICATE_PARAMETER,
    });
  }
  return openLocalSealKey(env.SEAL_KEY_DIR ?? join(env.DATA_DIR ?? '.data', 'seal'));
}
