import { useState } from 'preact/hooks';
import type { AuditEvent, Schemas } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { ActionButton, DownloadButton, NotLoaded, PageTitle, useLoad } from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatInstant } from '../lib/zoned-time.js';
import { loadAgreement } from './agreement.js';

/** An agreement's history as a timeline, its chain verified on demand, and its exports. */
export function HistoryPage({ id }: { id: string }) {
  const { api } = useApp();
  const { t, locale } = useI18n();
  const [verification, setVerification] = useState<Schemas['HistoryVerification']>();
  const view = useLoad(async () => {
    const agreementView = await loadAgreement(api, id);
    const events: AuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await api.get('/v1/agreements/{agreementId}/history', {
        path: { agreementId: id },
        query: { limit: '100', ...(cursor && { cursor }) },
      });
      events.push(...body.items);
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    return { ...agreementView, events };
  }, id);
  if (!view.data) return <NotLoaded view={view} />;
  const { agreement, conference, events } = view.data;
  const base = `/v1/agreements/${encodeURIComponent(agreement.id)}/history`;
  return (
    <section>
      <PageTitle text={t('history.title', { title: agreement.title })} />
      <p>
        <a href={href('agreements', agreement.id)} dir="auto">
          {agreement.title}
        </a>
      </p>
      <div class="toolbar">
        <ActionButton
          onAction={async () => {
            const { body } = await api.get('/v1/agreements/{agreementId}/history/verification', {
              path: { agreementId: agreement.id },
            });
            setVerification(body);
          }}
        >
          {t('history.verify')}
        </ActionButton>
        <DownloadButton
          path={base}
          accept="application/x-ndjson"
          fileName={`history-${agreement.id}.ndjson`}
        >
          {t('history.exportNdjson')}
        </DownloadButton>
        <DownloadButton path={base} accept="text/csv" fileName={`history-${agreement.id}.csv`}>
          {t('history.exportCsv')}
        </DownloadButton>
      </div>
      <div role="status" aria-live="polite">
        {verification &&
          (verification.valid ? (
            <p class="verdict valid">
              ✓{' '}
              {t('history.valid', {
                count: verification.eventCount,
                hash: verification.headHash,
              })}
            </p>
          ) : (
            <p class="verdict invalid">
              ✗{' '}
              {t('history.invalid', {
                seq: verification.firstInvalidSeq ?? '?',
                count: verification.eventCount,
              })}
            </p>
          ))}
      </div>
      <ol class="timeline">
        {events.map((event) => (
          <li key={event.seq}>
            <span class="seq">#{event.seq}</span>
            <div>
              <strong>{t(`action.${event.action}`)}</strong>
              {event.party && <> · {event.party}</>}
              <div class="muted">
                <time dateTime={event.at}>
                  {formatInstant(event.at, conference.timeZone, locale)}
                </time>{' '}
                ·{' '}
                {t('history.actor', { role: t(`role.${event.actor.role}`), sub: event.actor.sub })}
              </div>
              <div class="hash" title={event.hash}>
                {event.hash.slice(0, 16)}… ← {event.prevHash.slice(0, 16)}…
              </div>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
