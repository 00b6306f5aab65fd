import type { UserManager } from 'oidc-client-ts';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api } from './api/client.js';
import { AppContext, href, routeOf } from './app-context.js';
import { type Session, sessionOf, signIn, signOut } from './auth.js';
import type { PortalConfig } from './config.js';
import {
  createI18n,
  I18nContext,
  LOCALE_STORAGE_KEY,
  LOCALES,
  type Locale,
  preferredLocale,
} from './i18n/index.js';
import { AgreementPage } from './pages/agreement.js';
import { AuditPage } from './pages/audit.js';
import { CeremonyPage } from './pages/ceremony.js';
import { ConferencePage } from './pages/conference.js';
import { ConferencesPage } from './pages/conferences.js';
import { HistoryPage } from './pages/history.js';
import { MinePage } from './pages/mine.js';
import { NotificationsPage } from './pages/notifications.js';

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

function Page({ session }: { session: Session }) {
  const [first, id, sub] = routeOf(useHash());
  if (first === 'conferences' && id) return <ConferencePage id={id} />;
  if (first === 'agreements' && id && sub === 'history') return <HistoryPage id={id} />;
  if (first === 'agreements' && id) return <AgreementPage id={id} />;
  if (first === 'ceremonies' && id) return <CeremonyPage id={id} />;
  if (first === 'audit' && session.role !== 'member') return <AuditPage />;
  if (first === 'notifications') return <NotificationsPage />;
  if (first === 'mine' || (session.role === 'member' && !first)) return <MinePage />;
  return <ConferencesPage />;
}

export function App({
  manager,
  config,
  initialError,
}: {
  manager: UserManager;
  config: PortalConfig;
  /** Why finishing the sign-in redirect failed, if it did. */
  initialError?: string;
}) {
  const [locale, setLocale] = useState<Locale>(() =>
    preferredLocale(localStorage.getItem(LOCALE_STORAGE_KEY), navigator.languages),
  );
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const { t } = i18n;
  const [session, setSession] = useState<Session>();
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(
    initialError && i18n.t('auth.failed', { detail: initialError }),
  );

  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  }, [locale]);

  useEffect(() => {
    const update = async () => {
      const user = await manager.getUser();
      const current = sessionOf(user);
      setSession(current);
      // Signed in, but in none of the service's groups (or a member without a party).
      if (user && !user.expired && !current) setNotice(t('auth.noRole'));
    };
    void update().finally(() => setReady(true));
    manager.events.addUserLoaded(update);
    manager.events.addUserUnloaded(update);
    manager.events.addAccessTokenExpired(update);
    manager.events.addSilentRenewError(() => setNotice(t('auth.expired')));
    return () => {
      manager.events.removeUserLoaded(update);
      manager.events.removeUserUnloaded(update);
      manager.events.removeAccessTokenExpired(update);
    };
  }, [manager, t]);

  const api = useMemo(
    () =>
      new Api(
        () => session?.idToken,
        () => {
          setNotice(t('auth.expired'));
          void manager.removeUser();
        },
      ),
    [session, manager, t],
  );

  const languagePicker = (
    <label class="language">
      {t('app.language')}{' '}
      <select value={locale} onChange={(event) => setLocale(event.currentTarget.value as Locale)}>
        {(Object.keys(LOCALES) as Locale[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALES[code].name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <I18nContext.Provider value={i18n}>
      {/* A button, not a link to #main: the hash is the router's, and the link navigated away. */}
      <button type="button" class="skip" onClick={() => document.getElementById('main')?.focus()}>
        {t('app.skip')}
      </button>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        {session && (
          <nav aria-label={t('nav.main')}>
            <ul>
              {session.role === 'member' ? (
                <li>
                  <a href={href('mine')}>{t('nav.mine')}</a>
                </li>
              ) : null}
              <li>
                <a href={href('conferences')}>{t('nav.conferences')}</a>
              </li>
              <li>
                <a href={href('notifications')}>{t('nav.notifications')}</a>
              </li>
              {session.role !== 'member' && (
                <li>
                  <a href={href('audit')}>{t('nav.audit')}</a>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div class="user">
          {languagePicker}
          {session && (
            <>
              <span class="who">
                {session.party
                  ? t('auth.signedInAsParty', {
                      role: t(`role.${session.role}`),
                      party: session.party,
                    })
                  : t('auth.signedInAs', { role: t(`role.${session.role}`) })}
              </span>
              <button type="button" class="secondary" onClick={() => void signOut(manager, config)}>
                {t('auth.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {notice && (
          <p class="notice" role="alert">
            {notice}
          </p>
        )}
        {!ready ? (
          <p>{t('app.loading')}</p>
        ) : session ? (
          <AppContext.Provider value={{ api, session }}>
            <Page session={session} />
          </AppContext.Provider>
        ) : (
          <section class="welcome">
            <h1>{t('app.title')}</h1>
            <p>{t('auth.welcome')}</p>
            <button type="button" class="big" onClick={() => void signIn(manager)}>
              {t('auth.signIn')}
            </button>
          </section>
        )}
      </main>
    </I18nContext.Provider>
  );
}
