import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderAgreementSummary } from '../../../shared/pdf/index.js';
import { fromPem, toPem } from '../../../shared/seal/certificate.js';
import {
  LOCAL_SEAL_CERTIFICATE_FILE,
  openLocalSealKey,
} from '../../../shared/seal/local-seal-key.js';
import { coversWholeFile, findSeals, isSealIntact } from '../../../shared/seal/seal-check.js';
import { padesSealer, type Sealer, verificationCodeOfReason } from '../../../shared/seal/sealer.js';
import { pdfsig } from '../../helpers/poppler.js';
import { agreement, conference } from '../pdf/fixtures.js';

const CODE = 'A1B2C-3D4E5-F6G7H';

let directory: string;
let sealer: Sealer;
let unsealed: Uint8Array;
let sealed: Uint8Array;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'seal-test-'));
  sealer = padesSealer(await openLocalSealKey(join(directory, 'seal')));
  const signatureField = await sealer.signatureField({ verificationCode: CODE });
  unsealed = await renderAgreementSummary({ agreement, conference, signatureField });
  sealed = await sealer.seal(unsealed);
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the local seal key', () => {
  test('is generated once under its directory and reused: same certificate on every open', async () => {
    const again = await openLocalSealKey(join(directory, 'seal'));
    expect(Buffer.from(await again.certificate())).toEqual(Buffer.from(await sealer.certificate()));
    const pem = readFileSync(join(directory, 'seal', LOCAL_SEAL_CERTIFICATE_FILE), 'utf8');
    expect(Buffer.from(fromPem(pem))).toEqual(Buffer.from(await sealer.certificate()));
  });

  test('processes starting at once agree on one key', async () => {
    const fresh = join(directory, 'race');
    const keys = await Promise.all(Array.from({ length: 6 }, () => openLocalSealKey(fresh)));
    const certificates = await Promise.all(keys.map((key) => key.certificate()));
    expect(new Set(certificates.map((c) => Buffer.from(c).toString('hex'))).size).toBe(1);
  });

  test('its certificate is a self-signed P-256 X.509 certificate for signing only', async () => {
    const certificate = new X509Certificate(toPem(await sealer.certificate()));
    expect(certificate.subject).toContain('CN=Signing tracker seal (local development)');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.ca).toBe(false);
    expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
  });

  test('its DER is canonical, and its extensions say: critical not-a-CA, critical signing only, key id', async () => {
    const der = await sealer.certificate();
    const reparsed = asn1js.fromBER(new Uint8Array(der).buffer);
    expect(Buffer.from(reparsed.result.toBER(false))).toEqual(Buffer.from(der));
    const certificate = pkijs.Certificate.fromBER(new Uint8Array(der).buffer);
    const extensions = Object.fromEntries(
      (certificate.extensions ?? []).map((extension) => [extension.extnID, extension]),
    );
    expect(extensions['2.5.29.19']?.critical).toBe(true);
    expect((extensions['2.5.29.19']!.parsedValue as pkijs.BasicConstraints).cA).toBe(false);
    expect(extensions['2.5.29.15']?.critical).toBe(true);
    // digitalSignature and nonRepudiation, nothing else.
    expect(
      Buffer.from(extensions['2.5.29.15']!.extnValue.valueBlock.valueHexView).toString('hex'),
    ).toBe('030206c0');
    const keyId = createHash('sha1')
      .update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest('hex');
    expect(
      Buffer.from(
        (extensions['2.5.29.14']!.parsedValue as asn1js.OctetString).valueBlock.valueHexView,
      ).toString('hex'),
    ).toBe(keyId);
  });
});

describe('sealing a summary (PAdES ETSI.CAdES.detached)', () => {
  test('pdfsig: valid signature over the total document, ETSI.CAdES.detached, SHA-256', () => {
    const report = pdfsig(sealed, directory);
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Signing tracker seal');
  });

  test('sealing fills in the field the summary was rendered with, and changes no other byte', () => {
    expect(sealed.length).toBe(unsealed.length);
    const [start1, length1, start2] = findSeals(sealed)[0]!.byteRange;
    const text = Buffer.from(unsealed).toString('latin1');
    const byteRange = text.indexOf('/ByteRange [ 0 /********** /********** /********** ]');
    expect(byteRange).toBeGreaterThan(0);
    const byteRangeEnd = text.indexOf(']', byteRange);
    const changed = [...sealed.keys()].filter((i) => sealed[i] !== unsealed[i]);
    expect(changed.length).toBeGreaterThan(0);
    // The byte range's three placeholders, and the CMS written over the room left in /Contents.
    const filledIn = (i: number) =>
      (i > byteRange && i <= byteRangeEnd) || (i > start1 + length1 && i < start2 - 1);
    expect(changed.filter((i) => !filledIn(i))).toEqual([]);
  });

  test('its CMS carries exactly the signed attributes of PAdES B-B, naming our certificate', async () => {
    const cms = findSeals(sealed)[0]!.cms;
    const content = pkijs.ContentInfo.fromBER(new Uint8Array(cms).buffer);
    const signedData = new pkijs.SignedData({ schema: content.content });
    const attributes = signedData.signerInfos[0]!.signedAttrs!.attributes;
    // content-type, message-digest, signing-certificate-v2; no signing-time (the /M entry says when).
    expect(attributes.map((attribute) => attribute.type)).toEqual([
      '1.2.840.113549.1.9.3',
      '1.2.840.113549.1.9.4',
      '1.2.840.113549.1.9.16.2.47',
    ]);
    const certificateHash = attributes[2]!.values[0].valueBlock.value[0].valueBlock.value[0]
      .valueBlock.value[0] as asn1js.OctetString;
    expect(Buffer.from(certificateHash.valueBlock.valueHexView).toString('hex')).toBe(
      createHash('sha256')
        .update(await sealer.certificate())
        .digest('hex'),
    );
  });

  test('the signature dictionary says when and by whom the summary was sealed', () => {
    const text = Buffer.from(sealed).toString('latin1');
    expect(text).toMatch(/\/M \(D:\d{14}Z\)/);
    expect(text).toContain('/Name (Signing Tracker)');
  });

  test('one changed byte of the content: pdfsig reports the document modified', () => {
    const tampered = sealed.slice();
    tampered[Math.floor(unsealed.length / 2)]! ^= 0x01;
    const report = pdfsig(tampered, directory);
    // pdfsig's words for "the signed bytes changed since signing".
    expect(report).toContain('Signature Validation: Digest Mismatch.');
    expect(report).not.toContain('Signature is Valid');
  });

  test('the seal is found again, names its verification code and verifies with our certificate', async () => {
    const [seal, ...others] = findSeals(sealed);
    expect(others).toEqual([]);
    expect(verificationCodeOfReason(seal!.reason!)).toBe(CODE);
    expect(coversWholeFile(seal!, sealed.length)).toBe(true);
    expect(await isSealIntact(sealed, seal!, await sealer.certificate())).toBe(true);
  });

  test('not intact: a changed byte, a file cut short, or another key', async () => {
    const certificate = await sealer.certificate();
    const tampered = sealed.slice();
    tampered[100]! ^= 0x01;
    expect(await isSealIntact(tampered, findSeals(tampered)[0]!, certificate)).toBe(false);

    const appended = new Uint8Array([...sealed, ...Buffer.from('\n% more\n')]);
    expect(await isSealIntact(appended, findSeals(appended)[0]!, certificate)).toBe(false);

    const other = await openLocalSealKey(join(directory, 'other'));
    expect(await isSealIntact(sealed, findSeals(sealed)[0]!, await other.certificate())).toBe(
      false,
    );
  });

  test('a file without a seal has none to find; garbage neither', () => {
    expect(findSeals(unsealed)).toEqual([]);
    expect(findSeals(new Uint8Array(Buffer.from('/ByteRange [0 10 20 5] /Contents <zz>')))).toEqual(
      [],
    );
  });
});
