import { useState } from 'preact/hooks';
import { type AuditEvent, type Schemas, saveFile } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { ErrorMessage, LoadMore, PageTitle, useSubmission } from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatInstant } from '../lib/zoned-time.js';

const ACTIONS = [
  'AGREEMENT_CREATED',
  'AGREEMENT_OPENED',
  'SIGNATURE_RECORDED',
  'SIGNATURE_DECLINED',
  'SIGNATURE_WITHDRAWN',
  'AGREEMENT_CLOSED',
  'ACT_RECORDED',
] as const satisfies readonly Schemas['AuditEvent']['action'][];
// Fails to compile when the API documents an action this filter does not offer.
const everyActionOffered: [
  Exclude<Schemas['AuditEvent']['action'], (typeof ACTIONS)[number]>,
] extends [never]
  ? true
  : false = true;
void everyActionOffered;

interface AuditFilter {
  from?: string;
  to?: string;
  action?: (typeof ACTIONS)[number];
  party?: string;
}

/** The next UTC day: the query's window is half-open, the form's "to" day inclusive. */
const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Events across agreements, by dates (UTC days), with an NDJSON export of the whole result. */
export function AuditPage() {
  const { api } = useApp();
  const { t, plural, locale } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, run } = useSubmission();

  const query = (current: AuditFilter, after?: string) => ({
    limit: '100',
    ...(current.from && { from: `${current.from}T00:00:00Z` }),
    ...(current.to && { to: `${dayAfter(current.to)}T00:00:00Z` }),
    ...(current.action && { action: current.action }),
    ...(current.party && { party: current.party }),
    ...(after && { cursor: after }),
  });

  /** Pages until `want` events or the end: a page may be short while more follow. */
  async function fetchEvents(current: AuditFilter, after: string | undefined, want: number) {
    const found: AuditEvent[] = [];
    let next: string | null | undefined = after;
    do {
      const page: { body: { items: AuditEvent[]; nextCursor: string | null } } = await api.get(
        '/v1/audit',
        { query: query(current, next ?? undefined) },
      );
      found.push(...page.body.items);
      next = page.body.nextCursor;
    } while (next && found.length < want);
    return { found, next: next ?? null };
  }

  return (
    <section>
      <PageTitle text={t('audit.title')} />
      <form
        class="panel row"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = (name: string) => String(form.get(name) ?? '').trim();
          const next: AuditFilter = {
            ...(text('from') && { from: text('from') }),
            ...(text('to') && { to: text('to') }),
            ...(text('action') && { action: text('action') as AuditFilter['action'] }),
            ...(text('party') && { party: text('party').toUpperCase() }),
          };
          setFilter(next);
          void run(async () => {
            const { found, next: after } = await fetchEvents(next, undefined, 100);
            setEvents(found);
            setCursor(after);
          });
        }}
      >
        <label>
          {t('audit.from')}
          <input type="date" name="from" />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" name="to" />
        </label>
        <label>
          {t('audit.action')}
          <select name="action">
            <option value="">{t('audit.anyAction')}</option>
            {ACTIONS.map((action) => (
              <option key={action} value={action}>
                {t(`action.${action}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.party')}
          <input name="party" autocomplete="off" />
        </label>
        <button type="submit" disabled={busy}>
          {t('audit.search')}
        </button>
      </form>
      <ErrorMessage error={error} />
      {filter && (
        <>
          <p role="status">{plural('audit.results', events.length)}</p>
          <div class="toolbar">
            <button
              type="button"
              class="secondary"
              disabled={busy}
              onClick={() =>
                run(async () => {
                  const { found } = await fetchEvents(filter, undefined, Number.POSITIVE_INFINITY);
                  const ndjson = found.map((event) => `${JSON.stringify(event)}\n`).join('');
                  saveFile(new Blob([ndjson], { type: 'application/x-ndjson' }), 'audit.ndjson');
                })
              }
            >
              {t('audit.export')}
            </button>
          </div>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreement.time')} (UTC)</th>
                  <th scope="col">{t('audit.event')}</th>
                  <th scope="col">{t('agreement.party')}</th>
                  <th scope="col">{t('audit.agreement')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={`${event.agreementId}:${event.seq}`}>
                    <td>
                      <time dateTime={event.at}>{formatInstant(event.at, 'UTC', locale)}</time>
                    </td>
                    <td>
                      {t(`action.${event.action}`)} #{event.seq}
                    </td>
                    <td>{event.party}</td>
                    <td>
                      <a href={href('agreements', event.agreementId, 'history')}>
                        {event.agreementId}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor && (
            <LoadMore
              busy={busy}
              load={() =>
                run(async () => {
                  const { found, next } = await fetchEvents(filter, cursor, 100);
                  setEvents([...events, ...found]);
                  setCursor(next);
                })
              }
            />
          )}
        </>
      )}
    </section>
  );
}
