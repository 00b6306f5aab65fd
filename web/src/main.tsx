import { render } from 'preact';
import { App } from './app.js';
import { completeSignIn, createUserManager } from './auth.js';
import { loadConfig } from './config.js';
import { createI18n, LOCALE_STORAGE_KEY, preferredLocale } from './i18n/index.js';
import './styles.css';

/** Start: settings, finish a sign-in redirect if this is one, then the app. */
async function start(root: HTMLElement) {
  const config = await loadConfig();
  const manager = createUserManager(config);
  let initialError: string | undefined;
  try {
    await completeSignIn(manager);
  } catch (error) {
    initialError = (error as Error).message;
    window.history.replaceState(null, '', window.location.pathname);
  }
  render(<App manager={manager} config={config} {...(initialError && { initialError })} />, root);
}

const root = document.getElementById('app')!;
start(root).catch((error: unknown) => {
  const { t } = createI18n(
    preferredLocale(localStorage.getItem(LOCALE_STORAGE_KEY), navigator.languages),
  );
  root.textContent = t('app.configError', { detail: (error as Error).message });
});
