import { useState } from 'preact/hooks';
import type { Conference } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { ErrorMessage, LoadMore, PageTitle, useLoad, useSubmission } from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatDate } from '../lib/zoned-time.js';

/** All conferences, newest first; the secretariat creates them here. */
export function ConferencesPage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const [extra, setExtra] = useState<{ items: Conference[]; cursor: string | null }>({
    items: [],
    cursor: null,
  });
  const first = useLoad(async () => {
    const { body } = await api.get('/v1/conferences', { query: { limit: '50' } });
    setExtra({ items: [], cursor: body.nextCursor });
    return body.items;
  }, 'conferences');
  const items = [...(first.data ?? []), ...extra.items];

  return (
    <section>
      <PageTitle text={t('conference.list')} />
      <ErrorMessage error={first.error} />
      {first.loading && !first.data ? <p>{t('app.loading')}</p> : null}
      {first.data && items.length === 0 ? <p>{t('common.none')}</p> : null}
      <ul class="cards">
        {items.map((conference) => (
          <li key={conference.id} class="card">
            <a href={href('conferences', conference.id)} dir="auto">
              {conference.name}
            </a>
            <div class="muted">
              <span dir="auto">
                {conference.venue.city}, {conference.venue.country}
              </span>{' '}
              · {formatDate(conference.startDate, locale)}
              {conference.endDate ? ` – ${formatDate(conference.endDate, locale)}` : ''}
            </div>
          </li>
        ))}
      </ul>
      {extra.cursor !== null && (
        <LoadMore
          load={async () => {
            const { body } = await api.get('/v1/conferences', {
              query: { limit: '50', cursor: extra.cursor! },
            });
            setExtra({ items: [...extra.items, ...body.items], cursor: body.nextCursor });
          }}
        />
      )}
      {session.role === 'secretariat' && <NewConference />}
    </section>
  );
}

interface PartyRow {
  code: string;
  name: string;
}

function NewConference() {
  const { api } = useApp();
  const { t } = useI18n();
  const { busy, error, run } = useSubmission();
  const [parties, setParties] = useState<PartyRow[]>([{ code: '', name: '' }]);
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

  const update = (index: number, field: keyof PartyRow, value: string) =>
    setParties(parties.map((row, i) => (i === index ? { ...row, [field]: value } : row)));

  return (
    <form
      class="panel"
      aria-labelledby="new-conference"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? '').trim();
        const body = {
          name: text('name'),
          venue: { city: text('city'), country: text('country') },
          timeZone: text('timeZone'),
          startDate: text('startDate'),
          ...(text('endDate') && { endDate: text('endDate') }),
          parties: parties
            .filter((row) => row.code.trim() || row.name.trim())
            .map((row) => ({ code: row.code.trim().toUpperCase(), name: row.name.trim() })),
        };
        await run(async () => {
          const { body: created } = await api.post('/v1/conferences', {
            body,
            scope: 'create-conference',
          });
          window.location.hash = href('conferences', created.id);
        });
      }}
    >
      <h2 id="new-conference">{t('conference.new')}</h2>
      <label>
        {t('conference.name')}
        <input name="name" required maxLength={500} dir="auto" />
      </label>
      <div class="row">
        <label>
          {t('conference.city')}
          <input name="city" required dir="auto" />
        </label>
        <label>
          {t('conference.country')}
          <input name="country" required dir="auto" />
        </label>
      </div>
      <label>
        {t('conference.timeZone')}
        <input name="timeZone" required list="time-zones" autocomplete="off" />
        <datalist id="time-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <div class="row">
        <label>
          {t('conference.startDate')}
          <input name="startDate" type="date" required />
        </label>
        <label>
          {t('conference.endDate')} {t('common.optional')}
          <input name="endDate" type="date" />
        </label>
      </div>
      <fieldset>
        <legend>{t('conference.parties')}</legend>
        {parties.map((row, index) => (
          <div class="row party-row" key={index}>
            <label class="narrow">
              {t('conference.partyCode')}
              <input
                value={row.code}
                required={index === 0}
                pattern="[A-Za-z][A-Za-z0-9\-]{1,15}"
                onInput={(event) => update(index, 'code', event.currentTarget.value)}
                autocomplete="off"
              />
            </label>
            <label>
              {t('conference.partyName')}
              <input
                value={row.name}
                dir="auto"
                required={index === 0}
                onInput={(event) => update(index, 'name', event.currentTarget.value)}
              />
            </label>
            <button
              type="button"
              class="secondary"
              aria-label={t('conference.removeParty', { code: row.code || String(index + 1) })}
              disabled={parties.length === 1}
              onClick={() => setParties(parties.filter((_, i) => i !== index))}
            >
              {t('common.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          class="secondary"
          onClick={() => setParties([...parties, { code: '', name: '' }])}
        >
          {t('conference.addParty')}
        </button>
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('common.retrying') : t('common.create')}
      </button>
    </form>
  );
}
