import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createSelfSignedCertificate, fromPem, toPem } from './certificate.js';
import type { SealKey } from './sealer.js';

/**
 * The seal key of a workstation: a P-256 key and a self-signed certificate
 * under `DATA_DIR/seal/`, generated on first use and kept (never committed),
 * like the local token issuer's key. Several processes may start at once:
 * the files are written in a fresh directory renamed into place, so exactly
 * one key wins and everyone reads that one.
 */

export const LOCAL_SEAL_KEY_FILE = 'seal-key.pem';
export const LOCAL_SEAL_CERTIFICATE_FILE = 'seal-certificate.pem';

/** Ten years: a workstation's seal outlives any test run. */
const VALIDITY_YEARS = 10;

async function generate(directory: string): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  const certificate = await createSelfSignedCertificate({
    publicKeySpki: publicKey.export({ type: 'spki', format: 'der' }),
    commonName: 'Signing tracker seal (local development)',
    organization: 'Signing tracker',
    notBefore,
    notAfter,
    sign: async (data) => signDer(privateKey, data),
  });
  await mkdir(dirname(directory), { recursive: true });
  const staging = await mkdtemp(`${directory}.staging-`);
  try {
    await writeFile(
      join(staging, LOCAL_SEAL_KEY_FILE),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { mode: 0o600 },
    );
    await writeFile(join(staging, LOCAL_SEAL_CERTIFICATE_FILE), toPem(certificate));
    await rename(staging, directory);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process was first: its key stands.
    if (!['EEXIST', 'ENOTEMPTY', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? ''))
      throw error;
  }
}

const signDer = (key: KeyObject, data: Uint8Array) =>
  new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'der' }));

async function read(directory: string) {
  const [keyPem, certificatePem] = await Promise.all([
    readFile(join(directory, LOCAL_SEAL_KEY_FILE), 'utf8'),
    readFile(join(directory, LOCAL_SEAL_CERTIFICATE_FILE), 'utf8'),
  ]);
  return { key: createPrivateKey(keyPem), certificate: fromPem(certificatePem) };
}

/** Opens (creating on first use) the key under `directory`. */
export async function openLocalSealKey(directory: string): Promise<SealKey> {
  let stored: Awaited<ReturnType<typeof read>>;
  try {
    stored = await read(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await generate(directory);
    stored = await read(directory);
  }
  const { key, certificate } = stored;
  return {
    certificate: async () => certificate,
    sign: async (data) => signDer(key, data),
  };
}
