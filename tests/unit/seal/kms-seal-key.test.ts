import {
  createHash,
  generateKeyPairSync,
  type KeyObject,
  sign,
  X509Certificate,
} from 'node:crypto';
import { GetPublicKeyCommand, SignCommand } from '@aws-sdk/client-kms';
import { describe, expect, test } from 'vitest';
import { SEAL_CERTIFICATE_PENDING } from '../../../cdk/stacks/stateful-stack.js';
import { ServiceUnavailableError } from '../../../shared/domain/errors.js';
import { createSelfSignedCertificate, toPem } from '../../../shared/seal/certificate.js';
import { kmsSealKey } from '../../../shared/seal/kms-seal-key.js';

/**
 * The KMS adapter against a stand-in for KMS that behaves as `Sign` with
 * `MessageType: DIGEST` and `ECDSA_SHA_256` does: it signs the given
 * SHA-256 digest with the P-256 key and returns a DER signature.
 */
function fakeKms() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const calls: unknown[] = [];
  return {
    publicKey,
    calls,
    client: {
      send: async (command: unknown) => {
        if (command instanceof SignCommand) {
          calls.push(command.input);
          const { Message } = command.input;
          return { Signature: signDigest(privateKey, Message as Uint8Array) };
        }
        if (command instanceof GetPublicKeyCommand)
          return { PublicKey: publicKey.export({ type: 'spki', format: 'der' }) };
        throw new Error('unexpected command');
      },
    },
  };
}

/**
 * node:crypto cannot sign a bare digest with ECDSA, so the stand-in looks up
 * the message the test registered under that digest and signs it with
 * SHA-256: the same signature KMS gives for the digest.
 */
const pending = new Map<string, Uint8Array>();
const signDigest = (key: KeyObject, digest: Uint8Array) =>
  new Uint8Array(
    sign('sha256', pending.get(Buffer.from(digest).toString('hex'))!, { key, dsaEncoding: 'der' }),
  );

const parameterWith = (value: string) => async () => value;

describe('the KMS seal key', () => {
  test('signs with ECDSA_SHA_256 over the SHA-256 digest of the data (MessageType DIGEST)', async () => {
    const kms = fakeKms();
    const key = kmsSealKey({
      keyId: 'alias/signing-tracker-seal',
      certificateParameter: '/signing-tracker/seal/certificate',
      kms: kms.client,
      readParameter: parameterWith(''),
    });
    const data = new TextEncoder().encode('signed attributes of a CMS SignedData');
    pending.set(createHash('sha256').update(data).digest('hex'), data);
    const signature = await key.sign(data);
    expect(kms.calls).toEqual([
      {
        KeyId: 'alias/signing-tracker-seal',
        Message: createHash('sha256').update(data).digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      },
    ]);
    const { verify } = await import('node:crypto');
    expect(verify('sha256', data, { key: kms.publicKey, dsaEncoding: 'der' }, signature)).toBe(
      true,
    );
  });

  test('a certificate made by signing with the key verifies with the key (what seal-certificate does)', async () => {
    const kms = fakeKms();
    const key = kmsSealKey({
      keyId: 'k',
      certificateParameter: 'p',
      kms: kms.client,
      readParameter: parameterWith(''),
    });
    const certificate = await createSelfSignedCertificate({
      publicKeySpki: kms.publicKey.export({ type: 'spki', format: 'der' }),
      commonName: 'Signing tracker seal',
      organization: 'Signing tracker',
      notBefore: new Date('2026-01-01'),
      notAfter: new Date('2031-01-01'),
      sign: (data) => {
        pending.set(createHash('sha256').update(data).digest('hex'), data);
        return key.sign(data);
      },
    });
    const x509 = new X509Certificate(toPem(certificate));
    expect(x509.verify(kms.publicKey)).toBe(true);
    expect(x509.subject).toContain('CN=Signing tracker seal');
  });

  test('reads its certificate from SSM once; a pending parameter is a clear error, retried later', async () => {
    const pem = toPem(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]));
    let value = SEAL_CERTIFICATE_PENDING;
    const reads: string[] = [];
    const readParameter = async (name: string) => {
      reads.push(name);
      return value;
    };
    const key = kmsSealKey({
      keyId: 'k',
      certificateParameter: '/p',
      kms: fakeKms().client,
      readParameter,
    });
    await expect(key.certificate()).rejects.toThrow(/holds no certificate yet/);
    value = pem;
    expect(Buffer.from(await key.certificate())).toEqual(
      Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]),
    );
    await key.certificate();
    expect(reads).toEqual(['/p', '/p']);
  });

  test('a throttled or unreachable KMS or SSM is a 503 with Retry-After, anything else stays what it is', async () => {
    const failing = (error: object) => ({
      send: async () => {
        throw Object.assign(new Error('from the SDK'), error);
      },
    });
    const failingRead = (error: object) => async () => {
      throw Object.assign(new Error('from the extension'), error);
    };
    const data = new Uint8Array([1]);
    for (const error of [
      { name: 'ThrottlingException' },
      { name: 'TimeoutError' },
      { name: 'KMSInternalException', $metadata: { httpStatusCode: 500 } },
      { code: 'ECONNRESET' },
    ]) {
      const key = kmsSealKey({
        keyId: 'k',
        certificateParameter: 'p',
        kms: failing(error),
        readParameter: failingRead(error),
      });
      const signing = key.sign(data);
      await expect(signing).rejects.toBeInstanceOf(ServiceUnavailableError);
      await expect(signing).rejects.toMatchObject({
        retryAfterSeconds: 2,
        message: /^KMS cannot seal/,
      });
      await expect(key.certificate()).rejects.toMatchObject({ message: /^SSM cannot seal/ });
    }
    const denied = kmsSealKey({
      keyId: 'k',
      certificateParameter: 'p',
      kms: failing({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }),
      readParameter: parameterWith(''),
    });
    await expect(denied.sign(data)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
