import { KEY_ATTRIBUTES } from './keys.js';

/**
 * From stored items back to entities. DynamoDB hands maps back in no
 * particular key order; entities leave in the order people read them
 * (identity first, timestamps and version last), with storage-only
 * attributes removed. Event hashes do not depend on it (JCS sorts keys).
 */

type Item = Record<string, unknown>;

const entityFields = {
  conference: [
    'id',
    'name',
    'venue',
    'timeZone',
    'startDate',
    'endDate',
    'parties',
    'createdAt',
    'version',
  ],
  agreement: [
    'id',
    'conferenceId',
    'title',
    'kind',
    'documentSha256',
    'status',
    'entryIntoForce',
    'signatories',
    'progress',
    'inForce',
    'inForceAt',
    'createdAt',
    'updatedAt',
    'version',
    'chain',
  ],
  signatory: [
    'party',
    'partyName',
    'status',
    'representative',
    'signedBy',
    'signedAt',
    'place',
    'ceremonyId',
    'reason',
    'member',
    'updatedAt',
    'acts',
  ],
  act: [
    'id',
    'type',
    'party',
    'date',
    'kind',
    'signedBy',
    'signedAt',
    'place',
    'ceremonyId',
    'fullPowers',
    'instrument',
    'predecessor',
    'reference',
    'text',
    'articles',
    'madeAt',
    'relatesTo',
    'effectiveDate',
    'reason',
    'fields',
    'recordedAt',
    'notification',
  ],
  notification: [
    'notification',
    'prefix',
    'year',
    'n',
    'issuedOn',
    'agreementId',
    'actId',
    'party',
    'actType',
    'date',
    'recordedAt',
  ],
  ceremony: [
    'id',
    'conferenceId',
    'title',
    'place',
    'scheduledAt',
    'agreementIds',
    'createdAt',
    'version',
  ],
  event: [
    'agreementId',
    'seq',
    'at',
    'action',
    'party',
    'actor',
    'data',
    'requestId',
    'prevHash',
    'hash',
  ],
} as const;

/** Field order of nested objects, by the name of the field that holds them. */
const nestedFields: Readonly<Record<string, readonly string[]>> = {
  venue: ['city', 'country'],
  parties: ['code', 'name'],
  representative: ['name', 'title'],
  signedBy: ['name', 'title'],
  actor: ['sub', 'role', 'party'],
  progress: ['signed', 'total'],
  entryIntoForce: [
    'rule',
    'count',
    'counting',
    'delay',
    'laterParties',
    'qualifier',
    'consentMeans',
    'denunciation',
  ],
  chain: ['headSeq', 'headHash'],
  signatories: entityFields.signatory,
  acts: entityFields.act,
  fullPowers: ['reference', 'issuedBy', 'date'],
};

function ordered(value: unknown, fields: readonly string[] | undefined): unknown {
  if (Array.isArray(value)) return value.map((element) => ordered(element, fields));
  if (!fields || typeof value !== 'object' || value === null) return value;
  const source = value as Item;
  const result: Item = {};
  for (const name of [...fields, ...Object.keys(source).sort()]) {
    if (name in source && !(name in result))
      result[name] = ordered(source[name], nestedFields[name]);
  }
  return result;
}

export type EntityKind = keyof typeof entityFields;

/** The entity stored in `item`, without keys, `type` and the `internal` attributes named. */
export function entityOf<T>(kind: EntityKind, item: Item, ...internal: string[]): T {
  const entity = { ...item };
  for (const name of [...KEY_ATTRIBUTES, 'type', ...internal]) delete entity[name];
  return ordered(entity, entityFields[kind]) as T;
}
