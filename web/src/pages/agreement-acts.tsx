import { useState } from 'preact/hooks';
import { correctedValueText } from '../../../shared/domain/acts.js';
import { type Agreement, ApiError, type Schemas } from '../api/client.js';
import { useApp } from '../app-context.js';
import { ErrorMessage, PartyTable, useSubmission } from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatDate, formatInstant } from '../lib/zoned-time.js';

/**
 * After signature: each party's standing and entry into force, the acts
 * that led there with their notification numbers, and, for a secretariat,
 * the form that records the next one (ratification, accession, …).
 */

type Act = Schemas['Act'];
type ActType = Act['type'];

/** What a secretariat records here after the summit; signatures are the hall's. */
const RECORDABLE = [
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'domestic-procedures-completed',
  'reservation',
  'declaration',
  'denunciation',
  'correction',
] as const satisfies readonly ActType[];
type Recordable = (typeof RECORDABLE)[number];

const CONSENTS: readonly ActType[] = ['ratification', 'acceptance', 'approval', 'accession'];
const WITH_TEXT: readonly ActType[] = ['reservation', 'declaration'];

/** Today on the secretariat's own clock (`YYYY-MM-DD`), the date field's default. */
const today = () => new Date().toLocaleDateString('en-CA');

export function StandingTable({ agreement }: { agreement: Agreement }) {
  const { t, locale } = useI18n();
  return (
    <PartyTable
      caption={t('standing.caption')}
      columns={[
        t('standing.standing'),
        t('standing.consent'),
        t('standing.inForceFor'),
        t('standing.markers'),
      ]}
      signatories={agreement.signatories}
      cells={(signatory) => (
        <>
          <td>{t(`standing.${signatory.standing}`)}</td>
          <td>
            {signatory.consent &&
              `${t(`act.${signatory.consent.type}`)}, ${formatDate(signatory.consent.date, locale, 'short')}`}
          </td>
          <td class="date">
            {signatory.inForceFor ? formatDate(signatory.inForceFor, locale, 'short') : '—'}
          </td>
          <td>{signatory.markers.join(' ')}</td>
        </>
      )}
    />
  );
}

/** Fields a correction may change that the catalogs name; any other shows its API name. */
const NAMED_FIELDS = [
  'date',
  'instrument',
  'text',
  'articles',
  'effectiveDate',
  'reason',
  'place',
  'signedAt',
  'signedBy',
  'predecessor',
  'reference',
] as const;
const isNamedField = (field: string): field is (typeof NAMED_FIELDS)[number] =>
  (NAMED_FIELDS as readonly string[]).includes(field);

/**
 * `Law 712-VIQ`, the text of a reservation, the effective date of a
 * denunciation; for a correction, what it changed and why.
 */
function detailOf(
  act: Act,
  t: ReturnType<typeof useI18n>['t'],
  timeZone: string,
  locale: string,
): string {
  if (act.type === 'correction') {
    const write = {
      date: (date: string) => formatDate(date, locale, 'short'),
      instant: (iso: string) => formatInstant(iso, timeZone, locale),
    };
    const changes = Object.entries(act.fields ?? {}).map(
      ([field, value]) =>
        `${isNamedField(field) ? t(`acts.field.${field}`) : field}: ${correctedValueText(value, write)}`,
    );
    return `${changes.join('; ')}. ${act.reason}`;
  }
  if (act.instrument) return act.instrument.reference;
  if (act.text) return act.text;
  if (act.effectiveDate) return formatDate(act.effectiveDate, locale, 'short');
  return act.reason ?? act.reference ?? '';
}

export function ActsTable({ agreement, timeZone }: { agreement: Agreement; timeZone: string }) {
  const { t, locale } = useI18n();
  const acts = agreement.signatories
    .flatMap((signatory) => signatory.acts)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
  if (acts.length === 0) return <p class="muted">{t('acts.none')}</p>;
  const actsById = new Map(acts.map((act) => [act.id, act]));
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('acts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agreement.party')}</th>
            <th scope="col">{t('acts.act')}</th>
            <th scope="col">{t('acts.happened')}</th>
            <th scope="col">{t('acts.recorded')}</th>
            <th scope="col">{t('acts.notification')}</th>
          </tr>
        </thead>
        <tbody>
          {acts.map((act) => {
            const detail = detailOf(act, t, timeZone, locale);
            // An objection, a correction, a withdrawal or a confirmation names the act it concerns.
            const concerned = act.relatesTo ? actsById.get(act.relatesTo) : undefined;
            return (
              <tr key={act.id}>
                <th scope="row">{act.party}</th>
                <td>
                  {t(`act.${act.type}`)}
                  {concerned &&
                    ` ${t('acts.refersTo', {
                      act: t(`act.${concerned.type}`).toLowerCase(),
                      party: concerned.party,
                      date: formatDate(concerned.date, locale, 'short'),
                    })}`}
                  {detail && (
                    <>
                      : <span dir="auto">{detail}</span>
                    </>
                  )}
                  {act.correctedBy && <span class="muted"> ({t('acts.corrected')})</span>}
                  {act.lapsed && <span class="muted"> ({t('acts.lapsed')})</span>}
                </td>
                <td class="date">{formatDate(act.date, locale, 'short')}</td>
                <td>{formatInstant(act.recordedAt, timeZone, locale)}</td>
                <td>{act.notification}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function RecordActForm({
  agreement,
  version,
  onRecorded,
}: {
  agreement: Agreement;
  version: number;
  onRecorded: (message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const [type, setType] = useState<Recordable>('ratification');
  const [party, setParty] = useState(agreement.signatories[0]?.party ?? '');
  // What a correction may supersede: the party's acts as recorded, corrections excepted.
  const correctable = (
    agreement.signatories.find((signatory) => signatory.party === party)?.acts ?? []
  ).filter((act) => act.type !== 'correction');
  const { busy, error, run } = useSubmission();
  return (
    <form
      class="panel"
      aria-labelledby="record-act"
      onSubmit={async (event) => {
        event.preventDefault();
        const formElement = event.currentTarget;
        const form = new FormData(formElement);
        const text = (name: string) => String(form.get(name) ?? '').trim();
        const date = text('date');
        const reference = text('instrument');
        const correctedDate = text('corrected-date');
        const correctedReference = text('corrected-instrument');
        const body =
          type === 'reservation' || type === 'declaration'
            ? { type, date, madeAt: 'consent' as const, text: text('text') }
            : type === 'denunciation' || type === 'domestic-procedures-completed'
              ? { type, date }
              : type === 'correction'
                ? {
                    type,
                    date,
                    relatesTo: text('relates-to'),
                    // Only what was filled in; none at all is the API's to refuse, by name.
                    fields: {
                      ...(correctedDate && { date: correctedDate }),
                      ...(correctedReference && { instrument: { reference: correctedReference } }),
                    },
                    reason: text('reason'),
                  }
                : { type, date, ...(reference && { instrument: { reference } }) };
        await run(async () => {
          try {
            const { body: recorded } = await api.post(
              '/v1/agreements/{agreementId}/signatories/{party}/acts',
              {
                path: { agreementId: agreement.id, party },
                body,
                scope: `act:${agreement.id}:${party}`,
                ifMatch: version,
              },
            );
            formElement.reset();
            setType('ratification');
            setParty(agreement.signatories[0]?.party ?? '');
            await onRecorded(
              t('acts.recordedAs', {
                party,
                act: t(`act.${type}`),
                notification: recorded.act.notification ?? '',
              }),
            );
          } catch (failure) {
            // A stale view (412) or an act the record forbids (409): show what is true now.
            if (failure instanceof ApiError && (failure.status === 412 || failure.status === 409))
              await onRecorded('');
            throw failure;
          }
        });
      }}
    >
      <h2 id="record-act">{t('acts.record')}</h2>
      <label>
        {t('agreement.party')}
        <select
          name="party"
          required
          value={party}
          onChange={(event) => setParty(event.currentTarget.value)}
        >
          {agreement.signatories.map((signatory) => (
            <option key={signatory.party} value={signatory.party}>
              {signatory.party} — {signatory.partyName}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('acts.act')}
        <select
          name="type"
          value={type}
          onChange={(event) => setType(event.currentTarget.value as Recordable)}
        >
          {RECORDABLE.map((option) => (
            <option key={option} value={option}>
              {t(`act.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('acts.date')}
        {/* No max: "today" is the depositary's, which the API judges; the browser's may lag it. */}
        <input name="date" type="date" required defaultValue={today()} />
      </label>
      {CONSENTS.includes(type) && (
        <label>
          {t('acts.instrument')}
          <input name="instrument" dir="auto" />
        </label>
      )}
      {WITH_TEXT.includes(type) && (
        <label>
          {t('acts.text')}
          <textarea name="text" required dir="auto" rows={3} />
        </label>
      )}
      {type === 'correction' && (
        <>
          <label>
            {t('acts.corrects')}
            <select name="relates-to" required>
              {correctable.map((act) => (
                <option key={act.id} value={act.id}>
                  {t(`act.${act.type}`)}, {formatDate(act.date, locale, 'short')}
                  {act.notification && ` (${act.notification})`}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('acts.correctedDate')}
            <input name="corrected-date" type="date" />
          </label>
          <label>
            {t('acts.correctedInstrument')}
            <input name="corrected-instrument" dir="auto" />
          </label>
          <label>
            {t('acts.reason')}
            <textarea name="reason" required dir="auto" rows={2} />
          </label>
        </>
      )}
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('common.retrying') : t('acts.submit')}
      </button>
    </form>
  );
}
