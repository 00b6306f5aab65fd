import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createSelfSignedCertificate, toPem } from '../shared/seal/certificate.js';
import { kmsSealKey } from '../shared/seal/kms-seal-key.js';
import { SEAL_CERTIFICATE_PARAMETER, SEAL_KEY_ALIAS } from '../shared/seal/seal-key-from-env.js';

/**
 * `npm run seal-certificate -- [--key alias/signing-tracker-seal] [--out seal.pem]
 *   [--name "…"] [--organization "…"] [--years 5]`
 *
 * Makes the self-signed X.509 certificate of the seal's KMS key: reads the
 * public key (kms:GetPublicKey) and signs the certificate with the key
 * itself (kms:Sign, ECDSA_SHA_256), so the private key never leaves KMS.
 * Run it with AWS credentials of the principal named by the deployment's
 * `sealCertificateIssuer` context (the key refuses every other signer but
 * the PDF function); then deploy with `-c sealCertificate=<out>`. See
 * cdk/README.md, "The seal". An operator whose CA issues the certificate
 * instead stores that one the same way.
 */
const { values } = parseArgs({
  options: {
    key: { type: 'string', default: SEAL_KEY_ALIAS },
    out: { type: 'string', default: 'seal-certificate.pem' },
    name: { type: 'string', default: 'Signing tracker seal' },
    organization: { type: 'string', default: 'Signing tracker' },
    years: { type: 'string', default: '5' },
  },
});

const kms = new KMSClient({});
const { PublicKey, KeySpec } = await kms.send(new GetPublicKeyCommand({ KeyId: values.key }));
if (!PublicKey || KeySpec !== 'ECC_NIST_P256')
  throw new Error(`${values.key} is not an ECC_NIST_P256 key (KeySpec ${KeySpec})`);

const notBefore = new Date();
const notAfter = new Date(notBefore);
notAfter.setUTCFullYear(notAfter.getUTCFullYear() + Number(values.years));
const key = kmsSealKey({
  keyId: values.key,
  certificateParameter: SEAL_CERTIFICATE_PARAMETER,
  kms,
});
const certificate = await createSelfSignedCertificate({
  publicKeySpki: PublicKey,
  commonName: values.name,
  organization: values.organization,
  notBefore,
  notAfter,
  sign: (data) => key.sign(data),
});
writeFileSync(values.out, toPem(certificate));
console.log(`Certificate of ${values.key}, valid until ${notAfter.toISOString()}: ${values.out}`);
console.log(`Next: npx cdk deploy --all -c sealCertificate=${values.out}`);
