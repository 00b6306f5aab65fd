import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Role } from '../domain/types.js';

/**
 * The local stand-in for the Cognito user pool: an ES256 key generated on
 * first use and kept under DATA_DIR (never committed), tokens shaped like
 * Cognito ID tokens, and verification with the checks API Gateway's JWT
 * authorizer makes (signature, algorithm, issuer, audience, exp, nbf).
 */

export const LOCAL_ISSUER = 'https://signing-tracker.local/issuer';
export const LOCAL_AUDIENCE = 'signing-tracker-local';
const ALGORITHM = 'ES256';
const KEY_FILE = 'local-issuer-key.json';

export interface LocalIssuer {
  /** The verification key, as a JWKS entry (the local sign-in publishes it). */
  readonly publicJwk: JWK;
  mint(claims: { role: Role; party?: string; sub?: string; ttlSeconds?: number }): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

async function loadOrCreateKey(dataDir: string): Promise<JWK> {
  const path = join(dataDir, KEY_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = {
    ...(await exportJWK(privateKey)),
    kid: `local-${Date.now().toString(36)}`,
    alg: ALGORITHM,
  };
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
    return jwk;
  } catch (error) {
    // Another process created it first: use theirs so both agree.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return JSON.parse(readFileSync(path, 'utf8')) as JWK;
    throw error;
  }
}

export async function openLocalIssuer(dataDir: string): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(dataDir);
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  return {
    publicJwk,
    async mint({ role, party, sub, ttlSeconds = 3600 }) {
      return new SignJWT({
        'cognito:groups': [role],
        ...(party && { 'custom:party': party }),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid!, typ: 'JWT' })
        .setSubject(sub ?? `local-${role}${party ? `-${party.toLowerCase()}` : ''}`)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: LOCAL_ISSUER,
        audience: LOCAL_AUDIENCE,
        algorithms: [ALGORITHM],
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    },
  };
}
