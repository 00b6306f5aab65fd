import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createI18n, type I18n } from './translate.js';

export * from './translate.js';

/** The reader's language, for every component. */
export const I18nContext = createContext<I18n>(createI18n('en'));
export const useI18n = () => useContext(I18nContext);
