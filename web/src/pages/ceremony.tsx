import { useEffect, useState } from 'preact/hooks';
import { signatoryTransition } from '../../../shared/domain/signatory-state.js';
import { ApiError, type Ceremony, type Signatory } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { AgreementChart } from '../components/charts.js';
import {
  ActionButton,
  ErrorMessage,
  NotLoaded,
  PageTitle,
  StatusBadge,
  SummaryDownload,
  useLoad,
} from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatInstant, wallClockAt, wallClockToRfc3339 } from '../lib/zoned-time.js';
import { type AgreementView, loadAgreement } from './agreement.js';

/**
 * A signing ceremony. For the secretariat it is the hall view: each
 * agreement of the ceremony with one row per party and large Sign /
 * Decline / Withdraw buttons, progress updating as the hall goes.
 */
export function CeremonyPage({ id }: { id: string }) {
  const { api, session } = useApp();
  const { locale } = useI18n();
  const view = useLoad(async () => {
    const { body: ceremony } = await api.get('/v1/ceremonies/{ceremonyId}', {
      path: { ceremonyId: id },
    });
    const { body: conference } = await api.get('/v1/conferences/{conferenceId}', {
      path: { conferenceId: ceremony.conferenceId },
    });
    return { ceremony, conference };
  }, id);
  if (!view.data) return <NotLoaded view={view} />;
  const { ceremony, conference } = view.data;
  const zone = conference.timeZone;
  return (
    <section>
      <PageTitle text={ceremony.title} />
      <p>
        <a href={href('conferences', conference.id)} dir="auto">
          {conference.name}
        </a>{' '}
        · <span dir="auto">{ceremony.place}</span> ·{' '}
        {formatInstant(ceremony.scheduledAt, zone, locale)}
      </p>
      <div class="toolbar">
        <SummaryDownload of="ceremony" id={ceremony.id} />
      </div>
      {ceremony.agreementIds.map((agreementId) =>
        session.role === 'secretariat' ? (
          <HallAgreement key={agreementId} agreementId={agreementId} ceremony={ceremony} />
        ) : (
          <CeremonyAgreement key={agreementId} agreementId={agreementId} />
        ),
      )}
    </section>
  );
}

/** For delegations and auditors: the agreement's progress and a link to it. */
function CeremonyAgreement({ agreementId }: { agreementId: string }) {
  const { api } = useApp();
  const view = useLoad(() => loadAgreement(api, agreementId), agreementId);
  if (!view.data) return <ErrorMessage error={view.error} />;
  const { agreement, conference } = view.data;
  return (
    <article class="panel">
      <h2>
        <a href={href('agreements', agreement.id)} dir="auto">
          {agreement.title}
        </a>
      </h2>
      <AgreementChart agreement={agreement} timeZone={conference.timeZone} />
    </article>
  );
}

function HallAgreement({ agreementId, ceremony }: { agreementId: string; ceremony: Ceremony }) {
  const { api } = useApp();
  const { t } = useI18n();
  const view = useLoad(() => loadAgreement(api, agreementId), agreementId);
  const [notice, setNotice] = useState<string>();
  if (!view.data) return <ErrorMessage error={view.error} />;
  const { agreement, conference } = view.data;
  const headingId = `hall-${agreement.id}`;
  return (
    <article class="panel hall" aria-labelledby={headingId}>
      <h2 id={headingId} dir="auto">
        {agreement.title}
      </h2>
      <AgreementChart agreement={agreement} timeZone={conference.timeZone} />
      {agreement.status !== 'open' && <p class="notice">{t('hall.notOpen')}</p>}
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <div class="hall-rows">
        {agreement.signatories.map((signatory) => (
          <HallRow
            key={signatory.party}
            view={view.data!}
            signatory={signatory}
            ceremony={ceremony}
            onChanged={async (message) => {
              setNotice(message);
              await view.reload();
            }}
          />
        ))}
      </div>
    </article>
  );
}

type HallAction = 'signature' | 'decline' | 'withdrawal';
const ACTION_OF: Readonly<Record<HallAction, 'sign' | 'decline' | 'withdraw'>> = {
  signature: 'sign',
  decline: 'decline',
  withdrawal: 'withdraw',
};

function HallRow({
  view,
  signatory,
  ceremony,
  onChanged,
}: {
  view: AgreementView;
  signatory: Signatory;
  ceremony: Ceremony;
  onChanged: (message: string) => Promise<void>;
}) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const { agreement, version, conference } = view;
  const zone = conference.timeZone;
  const party = signatory.party;
  const [name, setName] = useState(signatory.representative?.name ?? '');
  const [title, setTitle] = useState(signatory.representative?.title ?? '');
  const [reason, setReason] = useState('');
  const [time, setTime] = useState(() => wallClockAt(new Date(), zone));
  const [timeEdited, setTimeEdited] = useState(false);
  const [error, setError] = useState<unknown>();

  // The default time follows the hall's clock until someone sets it by hand.
  useEffect(() => {
    if (timeEdited) return;
    const timer = setInterval(() => setTime(wallClockAt(new Date(), zone)), 15_000);
    return () => clearInterval(timer);
  }, [timeEdited, zone]);

  const allowed = (action: HallAction) =>
    agreement.status === 'open' &&
    signatoryTransition(signatory.status, ACTION_OF[action]) !== undefined;

  const act = (action: HallAction) => async () => {
    setError(undefined);
    if (action === 'withdrawal' && !reason.trim()) {
      setError(new Error(t('hall.reasonRequired')));
      return;
    }
    const path = { agreementId: agreement.id, party };
    const scope = `${action}:${agreement.id}:${party}`;
    try {
      if (action === 'signature') {
        const signedAt = timeEdited ? time : wallClockAt(new Date(), zone);
        await api.post('/v1/agreements/{agreementId}/signatories/{party}/signature', {
          path,
          scope,
          ifMatch: version,
          body: {
            signedBy: { name: name.trim(), title: title.trim() },
            signedAt: wallClockToRfc3339(signedAt, zone),
            place: ceremony.place,
            ceremonyId: ceremony.id,
          },
        });
      } else if (action === 'decline') {
        await api.post('/v1/agreements/{agreementId}/signatories/{party}/decline', {
          path,
          scope,
          ifMatch: version,
          body: reason.trim() ? { reason: reason.trim() } : {},
        });
      } else {
        await api.post('/v1/agreements/{agreementId}/signatories/{party}/withdrawal', {
          path,
          scope,
          ifMatch: version,
          body: { reason: reason.trim() },
        });
      }
      setReason('');
      setTimeEdited(false);
      await onChanged(
        t('hall.recorded', {
          party,
          status: t(
            `signatory.status.${action === 'signature' ? 'signed' : action === 'decline' ? 'declined' : 'withdrawn'}`,
          ),
        }),
      );
    } catch (failure) {
      setError(failure);
      // A stale view (412) or a conflict (409): show what is true now.
      if (failure instanceof ApiError && (failure.status === 412 || failure.status === 409))
        await onChanged('');
    }
  };

  return (
    <fieldset class="hall-row">
      <legend class="hall-party">
        <span class="party-name">
          <strong>{party}</strong> <span dir="auto">{signatory.partyName}</span>
        </span>
        <StatusBadge status={signatory.status} />
        {signatory.signedBy && (
          <span class="muted">
            <span dir="auto">{signatory.signedBy.name}</span>
            {signatory.signedAt && ` · ${formatInstant(signatory.signedAt, zone, locale)}`}
          </span>
        )}
      </legend>
      <div class="hall-fields">
        <label>
          <span class="visually-hidden">{party}: </span>
          {t('agreement.representativeName')}
          <input value={name} dir="auto" onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <label>
          <span class="visually-hidden">{party}: </span>
          {t('agreement.representativeTitle')}
          <input
            value={title}
            dir="auto"
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
        </label>
        <label>
          <span class="visually-hidden">{party}: </span>
          {t('agreement.time')} ({zone})
          <input
            type="datetime-local"
            value={time}
            onInput={(event) => {
              setTime(event.currentTarget.value);
              setTimeEdited(true);
            }}
          />
        </label>
        <label>
          <span class="visually-hidden">{party}: </span>
          {t('agreement.reason')}
          <input
            value={reason}
            dir="auto"
            onInput={(event) => setReason(event.currentTarget.value)}
          />
        </label>
      </div>
      <div class="hall-actions">
        <ActionButton
          class="big sign"
          label={t('hall.signParty', { party })}
          disabled={!allowed('signature') || !name.trim() || !title.trim()}
          onAction={act('signature')}
        >
          {t('hall.sign')}
        </ActionButton>
        <ActionButton
          class="big decline"
          label={t('hall.declineParty', { party })}
          disabled={!allowed('decline')}
          onAction={act('decline')}
        >
          {t('hall.decline')}
        </ActionButton>
        <ActionButton
          class="big withdraw"
          label={t('hall.withdrawParty', { party })}
          disabled={!allowed('withdrawal')}
          onAction={act('withdrawal')}
        >
          {t('hall.withdraw')}
        </ActionButton>
      </div>
      <ErrorMessage error={error} />
    </fieldset>
  );
}
