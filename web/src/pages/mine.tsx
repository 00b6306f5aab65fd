import type { Agreement, Ceremony, Conference } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import { AgreementChart } from '../components/charts.js';
import {
  ErrorMessage,
  PageTitle,
  StatusBadge,
  SummaryDownload,
  useLoad,
} from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatInstant } from '../lib/zoned-time.js';

interface Entry {
  conference: Conference;
  agreements: Agreement[];
  ceremonies: Ceremony[];
}

/**
 * A delegation's view: every agreement its party is a signatory of (the API
 * shows a member nothing else), its own standing, and the summaries.
 */
export function MinePage() {
  const { api, session } = useApp();
  const { t, locale } = useI18n();
  const party = session.party ?? '';
  const view = useLoad(async () => {
    const conferences: Conference[] = [];
    let cursor: string | undefined;
    do {
      const { body } = await api.get('/v1/conferences', {
        query: { limit: '100', ...(cursor && { cursor }) },
      });
      conferences.push(...body.items);
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    const entries = await Promise.all(
      conferences.map(async (conference): Promise<Entry> => {
        const path = { conferenceId: conference.id };
        const [agreements, ceremonies] = await Promise.all([
          api.get('/v1/conferences/{conferenceId}/agreements', { path, query: { limit: '100' } }),
          api.get('/v1/conferences/{conferenceId}/ceremonies', { path, query: { limit: '100' } }),
        ]);
        const full = await Promise.all(
          agreements.body.items.map(
            async (item) =>
              (await api.get('/v1/agreements/{agreementId}', { path: { agreementId: item.id } }))
                .body,
          ),
        );
        return { conference, agreements: full, ceremonies: ceremonies.body.items };
      }),
    );
    return entries.filter((entry) => entry.agreements.length > 0);
  }, party);

  return (
    <section>
      <PageTitle text={t('mine.title', { party })} />
      <ErrorMessage error={view.error} />
      {view.loading && !view.data && <p>{t('app.loading')}</p>}
      {view.data?.length === 0 && <p>{t('mine.none')}</p>}
      {view.data?.map(({ conference, agreements, ceremonies }) => (
        <section key={conference.id} aria-labelledby={`conf-${conference.id}`}>
          <h2 id={`conf-${conference.id}`} dir="auto">
            {conference.name}
          </h2>
          {agreements.map((agreement) => {
            const own = agreement.signatories.find((signatory) => signatory.party === party);
            return (
              <article key={agreement.id} class="panel">
                <h3>
                  <a href={href('agreements', agreement.id)} dir="auto">
                    {agreement.title}
                  </a>
                </h3>
                {own && (
                  <p>
                    {t('mine.standing')}: <StatusBadge status={own.status} />
                    {own.signedBy && (
                      <>
                        {' '}
                        <span dir="auto">{own.signedBy.name}</span>
                        {own.signedAt &&
                          `, ${formatInstant(own.signedAt, conference.timeZone, locale)}`}
                      </>
                    )}
                  </p>
                )}
                <AgreementChart agreement={agreement} timeZone={conference.timeZone} />
                <SummaryDownload of="agreement" id={agreement.id} />
              </article>
            );
          })}
          {ceremonies.length > 0 && (
            <ul class="cards">
              {ceremonies.map((ceremony) => (
                <li key={ceremony.id} class="card">
                  <a href={href('ceremonies', ceremony.id)} dir="auto">
                    {ceremony.title}
                  </a>
                  <div class="muted">
                    {formatInstant(ceremony.scheduledAt, conference.timeZone, locale)}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}
