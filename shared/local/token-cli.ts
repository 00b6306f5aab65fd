import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PARTY_CODE, ROLES, type Role } from '../domain/types.js';
import { openLocalIssuer } from './local-issuer.js';

/** `npm run --silent token -- --role <role> [--party <CODE>] [--sub <id>] [--ttl <seconds>]` */

function fail(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run --silent token -- --role ${ROLES.join('|')} [--party CODE] [--sub ID] [--ttl SECONDS]\n`,
  );
  process.exit(2);
}

let values: { role?: string; party?: string; sub?: string; ttl?: string };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string' },
      party: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
const role = values.role as Role | undefined;
if (!role || !ROLES.includes(role)) fail('--role is required');
if (role === 'member' && !values.party) fail('--party is required for members (e.g. --party AZE)');
if (values.party && !PARTY_CODE.test(values.party)) fail('--party must be a code like AZE or OTS');
const ttlSeconds = values.ttl ? Number(values.ttl) : undefined;
if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0))
  fail('--ttl must be a positive number of seconds');

const issuer = await openLocalIssuer(resolve(process.env.DATA_DIR ?? '.data'));
process.stdout.write(
  `${await issuer.mint({ role, ...(values.party && { party: values.party }), ...(values.sub && { sub: values.sub }), ...(ttlSeconds && { ttlSeconds }) })}\n`,
);
