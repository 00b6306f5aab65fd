import { useState } from 'preact/hooks';
import { COUNTINGS, type Counting } from '../../../shared/domain/types.js';
import type { AgreementSummary, Ceremony, Conference } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { ConferenceChart } from '../components/charts.js';
import { ErrorMessage, NotLoaded, PageTitle, useLoad, useSubmission } from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { entryIntoForceText } from '../lib/progress.js';
import { sha256Hex } from '../lib/sha256.js';
import {
  formatDate,
  formatInstant,
  formatOffset,
  offsetMinutesAt,
  wallClockAt,
  wallClockToRfc3339,
} from '../lib/zoned-time.js';

interface ConferenceView {
  conference: Conference;
  agreements: AgreementSummary[];
  ceremonies: Ceremony[];
}

/** A conference: its parties, its agreements side by side, its ceremonies. */
export function ConferencePage({ id }: { id: string }) {
  const { api, session } = useApp();
  // A delegation sees only what its party is in: "none yet" would say more than it knows.
  const noneKey = session.role === 'member' ? 'common.noneForYou' : 'common.none';
  const { t, locale } = useI18n();
  const view = useLoad<ConferenceView>(async () => {
    const path = { conferenceId: id };
    const [conference, agreements, ceremonies] = await Promise.all([
      api.get('/v1/conferences/{conferenceId}', { path }),
      api.get('/v1/conferences/{conferenceId}/agreements', { path, query: { limit: '100' } }),
      api.get('/v1/conferences/{conferenceId}/ceremonies', { path, query: { limit: '100' } }),
    ]);
    return {
      conference: conference.body,
      agreements: agreements.body.items,
      ceremonies: ceremonies.body.items,
    };
  }, id);
  if (!view.data) return <NotLoaded view={view} />;
  const { conference, agreements, ceremonies } = view.data;
  const zone = conference.timeZone;
  return (
    <section>
      <PageTitle text={conference.name} />
      <dl class="facts">
        <dt>{t('conference.venue')}</dt>
        <dd dir="auto">
          {conference.venue.city}, {conference.venue.country}
        </dd>
        <dt>{t('conference.dates')}</dt>
        <dd>
          {formatDate(conference.startDate, locale)}
          {conference.endDate ? ` – ${formatDate(conference.endDate, locale)}` : ''}
        </dd>
        <dt>{t('conference.zone')}</dt>
        <dd>
          {zone} (UTC
          {formatOffset(offsetMinutesAt(new Date(`${conference.startDate}T12:00:00Z`), zone))})
        </dd>
        <dt>{t('conference.parties')}</dt>
        <dd>
          <ul class="inline-list">
            {conference.parties.map((party) => (
              <li key={party.code}>
                <abbr title={party.name}>{party.code}</abbr> <span dir="auto">{party.name}</span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>

      <ConferenceChart agreements={agreements} timeZone={zone} />

      <h2>{t('agreement.list')}</h2>
      {agreements.length === 0 && <p>{t(noneKey)}</p>}
      <ul class="cards">
        {agreements.map((agreement) => (
          <li key={agreement.id} class="card">
            <a href={href('agreements', agreement.id)} dir="auto">
              {agreement.title}
            </a>
            <div class="muted">
              {t(`agreement.status.${agreement.status}`)} · {agreement.progress.signed}/
              {agreement.progress.total}
              {agreement.inForceAt && ` · ${entryIntoForceText(agreement, zone, t, locale)}`}
            </div>
          </li>
        ))}
      </ul>

      <h2>{t('ceremony.list')}</h2>
      {ceremonies.length === 0 && <p>{t(noneKey)}</p>}
      <ul class="cards">
        {ceremonies.map((ceremony) => (
          <li key={ceremony.id} class="card">
            <a href={href('ceremonies', ceremony.id)} dir="auto">
              {ceremony.title}
            </a>
            <div class="muted">
              <span dir="auto">{ceremony.place}</span> ·{' '}
              {formatInstant(ceremony.scheduledAt, zone, locale)}
            </div>
          </li>
        ))}
      </ul>

      {session.role === 'secretariat' && (
        <>
          <NewAgreement conference={conference} onCreated={view.reload} />
          {agreements.length > 0 && <NewCeremony conference={conference} agreements={agreements} />}
        </>
      )}
    </section>
  );
}

function NewAgreement({
  conference,
  onCreated,
}: {
  conference: Conference;
  onCreated: () => void;
}) {
  const { api } = useApp();
  const { t } = useI18n();
  const [hash, setHash] = useState<string>();
  const [hashing, setHashing] = useState(false);
  const [rule, setRule] = useState<'all' | 'count'>('all');
  const [counting, setCounting] = useState<Counting>('signatures');
  const [delay, setDelay] = useState<'none' | 'days' | 'months'>('none');
  const [chosen, setChosen] = useState<Set<string>>(
    new Set(conference.parties.map((party) => party.code)),
  );
  const { busy, error, setError, run } = useSubmission();

  return (
    <form
      class="panel"
      aria-labelledby="new-agreement"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? '').trim();
        if (!hash) return setError(new Error(t('agreement.needDocument')));
        if (chosen.size === 0) return setError(new Error(t('agreement.chooseSignatories')));
        const signatories = conference.parties
          .filter((party) => chosen.has(party.code))
          .map((party) => {
            const name = text(`rep-name-${party.code}`);
            const title = text(`rep-title-${party.code}`);
            // Half a representative is sent as typed, so that the API names what is missing.
            return {
              party: party.code,
              ...((name || title) && { representative: { name, title } }),
            };
          });
        const body = {
          title: text('title'),
          ...(text('kind') && { kind: text('kind') }),
          documentSha256: hash,
          signatories,
          entryIntoForce: {
            ...(rule === 'all'
              ? ({ rule: 'all' } as const)
              : ({ rule: 'count', count: Number(text('count')) } as const)),
            ...(counting !== 'signatures' && { counting }),
            ...(delay === 'days' && { delay: { days: Number(text('delay-length')) } }),
            ...(delay === 'months' && {
              delay: {
                months: Number(text('delay-length')),
                ...(form.get('delay-snap') === 'on' && {
                  snap: 'first-day-of-next-month' as const,
                }),
              },
            }),
          },
          open: form.get('open') === 'on',
        };
        await run(async () => {
          const { body: created } = await api.post('/v1/conferences/{conferenceId}/agreements', {
            path: { conferenceId: conference.id },
            body,
            scope: `create-agreement:${conference.id}`,
          });
          onCreated();
          window.location.hash = href('agreements', created.id);
        });
      }}
    >
      <h2 id="new-agreement">{t('agreement.new')}</h2>
      <label>
        {t('agreement.title')}
        <input name="title" required maxLength={500} dir="auto" />
      </label>
      <label>
        {t('agreement.kind')} {t('common.optional')}
        <input name="kind" list="agreement-kinds" dir="auto" />
        <datalist id="agreement-kinds">
          {['agreement', 'protocol', 'memorandum', 'declaration', 'convention'].map((kind) => (
            <option key={kind} value={kind} />
          ))}
        </datalist>
      </label>
      <label>
        {t('agreement.document')}
        <input
          type="file"
          name="document"
          required
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            setHash(undefined);
            if (!file) return;
            setHashing(true);
            try {
              setHash(await sha256Hex(await file.arrayBuffer()));
            } finally {
              setHashing(false);
            }
          }}
        />
      </label>
      <p class="hash" aria-live="polite">
        {hashing ? t('agreement.hashing') : hash ? `${t('agreement.sha256')}: ${hash}` : ''}
      </p>
      <fieldset>
        <legend>{t('agreement.signatories')}</legend>
        {conference.parties.map((party) => (
          <div key={party.code} class="signatory-choice">
            <label class="check">
              <input
                type="checkbox"
                checked={chosen.has(party.code)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.currentTarget.checked) next.add(party.code);
                  else next.delete(party.code);
                  setChosen(next);
                }}
              />
              {party.code} <span dir="auto">{party.name}</span>
            </label>
            {chosen.has(party.code) && (
              <fieldset class="row representative">
                <legend class="visually-hidden">
                  {t('agreement.representative', { party: party.code })}
                </legend>
                <label>
                  {t('agreement.representativeName')} {t('common.optional')}
                  <input name={`rep-name-${party.code}`} dir="auto" />
                </label>
                <label>
                  {t('agreement.representativeTitle')} {t('common.optional')}
                  <input name={`rep-title-${party.code}`} dir="auto" />
                </label>
              </fieldset>
            )}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('agreement.rule')}</legend>
        <label>
          {t('agreement.counting')}
          <select
            name="counting"
            value={counting}
            onChange={(event) => setCounting(event.currentTarget.value as Counting)}
          >
            {COUNTINGS.map((option) => (
              <option key={option} value={option}>
                {t(`agreement.counting.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input
            type="radio"
            name="rule"
            checked={rule === 'all'}
            onChange={() => setRule('all')}
          />
          {t(`agreement.ruleAll.${counting}`)}
        </label>
        <label class="check">
          <input
            type="radio"
            name="rule"
            checked={rule === 'count'}
            onChange={() => setRule('count')}
          />
          {t(`agreement.ruleCount.${counting}`)}
        </label>
        {rule === 'count' && (
          <label>
            {t(`agreement.ruleCountValue.${counting}`)}
            <input name="count" type="number" min={1} max={chosen.size} required />
          </label>
        )}
        <label>
          {t('agreement.delay')}
          <select
            name="delay"
            value={delay}
            onChange={(event) => setDelay(event.currentTarget.value as typeof delay)}
          >
            {(['none', 'days', 'months'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`agreement.delay.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {delay !== 'none' && (
          <label>
            {t('agreement.delayLength')}
            <input
              name="delay-length"
              type="number"
              min={0}
              max={delay === 'days' ? 36_600 : 1_200}
              required
            />
          </label>
        )}
        {delay === 'months' && (
          <label class="check">
            <input type="checkbox" name="delay-snap" />
            {t('agreement.delaySnap')}
          </label>
        )}
      </fieldset>
      <label class="check">
        <input type="checkbox" name="open" defaultChecked />
        {t('agreement.openNow')}
      </label>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy || hashing}>
        {busy ? t('common.retrying') : t('common.create')}
      </button>
    </form>
  );
}

function NewCeremony({
  conference,
  agreements,
}: {
  conference: Conference;
  agreements: readonly AgreementSummary[];
}) {
  const { api } = useApp();
  const { t } = useI18n();
  const { busy, error, setError, run } = useSubmission();
  const zone = conference.timeZone;
  return (
    <form
      class="panel"
      aria-labelledby="new-ceremony"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const text = (name: string) => String(form.get(name) ?? '').trim();
        const agreementIds = form.getAll('agreementIds').map(String);
        if (agreementIds.length === 0) return setError(new Error(t('ceremony.chooseAgreements')));
        await run(async () => {
          const { body: created } = await api.post('/v1/conferences/{conferenceId}/ceremonies', {
            path: { conferenceId: conference.id },
            body: {
              title: text('title'),
              place: text('place'),
              scheduledAt: wallClockToRfc3339(text('scheduledAt'), zone),
              agreementIds,
            },
            scope: `create-ceremony:${conference.id}`,
          });
          window.location.hash = href('ceremonies', created.id);
        });
      }}
    >
      <h2 id="new-ceremony">{t('ceremony.new')}</h2>
      <label>
        {t('ceremony.title')}
        <input name="title" required dir="auto" />
      </label>
      <label>
        {t('ceremony.place')}
        <input name="place" required dir="auto" />
      </label>
      <label>
        {t('ceremony.scheduledAt', { zone })}
        <input
          name="scheduledAt"
          type="datetime-local"
          required
          defaultValue={wallClockAt(new Date(), zone)}
        />
      </label>
      <fieldset>
        <legend>{t('ceremony.agreements')}</legend>
        {agreements.map((agreement) => (
          <label class="check" key={agreement.id}>
            <input type="checkbox" name="agreementIds" value={agreement.id} defaultChecked />
            <span dir="auto">{agreement.title}</span>
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('common.retrying') : t('common.create')}
      </button>
    </form>
  );
}
