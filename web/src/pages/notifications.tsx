import { useState } from 'preact/hooks';
import type { Schemas } from '../api/client.js';
import { href, useApp } from '../app-context.js';
import {
  ErrorMessage,
  LoadMore,
  NotLoaded,
  PageTitle,
  useLoad,
  useSubmission,
} from '../components/ui.js';
import { useI18n } from '../i18n/index.js';
import { formatDate } from '../lib/zoned-time.js';

type Notification = Schemas['Notification'];

/** Notifications per request: the register reads a year's in a few pages. */
const PAGE_SIZE = 100;

interface Period {
  /** Issue dates, inclusive (the depositary's calendar), as the API takes them. */
  readonly from: string;
  readonly to: string;
}

/** This year, on the reader's own calendar: the register's usual view. */
function thisYear(): Period {
  const year = new Date().getFullYear();
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The depositary's register: every notification number issued in a period,
 * in number order, with the act it notified and the agreement's title (a
 * member sees those of its agreements only, as the API answers).
 */
export function NotificationsPage() {
  const { api } = useApp();
  const { t, plural, locale } = useI18n();
  const [period, setPeriod] = useState<Period>(thisYear);
  const [more, setMore] = useState<{ items: Notification[]; cursor: string | null }>();
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const { busy, error, run } = useSubmission();

  /**
   * Titles of the agreements a page names: as the notifications cite them,
   * else (notifications issued before they carried it) read once each.
   */
  async function withTitles(items: readonly Notification[], known: ReadonlyMap<string, string>) {
    const cited = new Map(known);
    for (const { agreementId, agreementTitle } of items)
      if (agreementTitle !== undefined) cited.set(agreementId, agreementTitle);
    const missing = [...new Set(items.map((item) => item.agreementId))].filter(
      (id) => !cited.has(id),
    );
    const read = await Promise.allSettled(
      missing.map(async (agreementId) => {
        const { body } = await api.get('/v1/agreements/{agreementId}', { path: { agreementId } });
        return [agreementId, body.title] as const;
      }),
    );
    // A title that cannot be read leaves the id in its place; the number is what is cited.
    const found = read.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    return new Map([...cited, ...found]);
  }

  const page = (current: Period, cursor?: string) =>
    api.get('/v1/notifications', {
      query: {
        from: current.from,
        to: current.to,
        limit: String(PAGE_SIZE),
        ...(cursor && { cursor }),
      },
    });

  const view = useLoad(async () => {
    const { body } = await page(period);
    setTitles(await withTitles(body.items, new Map()));
    setMore(undefined);
    return body;
  }, `${period.from}/${period.to}`);

  const items = [...(view.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (view.data?.nextCursor ?? null);

  return (
    <section>
      <PageTitle text={t('notifications.title')} />
      <form
        class="panel row"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setPeriod({ from: String(form.get('from')), to: String(form.get('to')) });
        }}
      >
        <label>
          {t('notifications.from')}
          <input type="date" name="from" defaultValue={period.from} required />
        </label>
        <label>
          {t('notifications.to')}
          <input type="date" name="to" defaultValue={period.to} required />
        </label>
        <button type="submit" disabled={view.loading}>
          {t('notifications.show')}
        </button>
      </form>
      {!view.data ? (
        <NotLoaded view={view} />
      ) : (
        <>
          <p role="status">{plural('notifications.count', items.length)}</p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('notifications.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('acts.notification')}</th>
                  <th scope="col">{t('notifications.issuedOn')}</th>
                  <th scope="col">{t('agreement.party')}</th>
                  <th scope="col">{t('acts.act')}</th>
                  <th scope="col">{t('acts.happened')}</th>
                  <th scope="col">{t('audit.agreement')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.notification}>
                    <th scope="row">{item.notification}</th>
                    <td class="date">{formatDate(item.issuedOn, locale, 'short')}</td>
                    <td>{item.party}</td>
                    <td>{t(`act.${item.actType}`)}</td>
                    <td class="date">{formatDate(item.date, locale, 'short')}</td>
                    <td>
                      <a href={href('agreements', item.agreementId)} dir="auto">
                        {titles.get(item.agreementId) ?? item.agreementId}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorMessage error={error} />
          {cursor && (
            <LoadMore
              busy={busy}
              load={() =>
                run(async () => {
                  const { body } = await page(period, cursor);
                  setTitles(await withTitles(body.items, titles));
                  setMore({
                    items: [...(more?.items ?? []), ...body.items],
                    cursor: body.nextCursor,
                  });
                })
              }
            />
          )}
        </>
      )}
    </section>
  );
}
