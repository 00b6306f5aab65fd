/** Message lookup, plurals and the choice of language: plain functions, no UI. */
import { type Catalog, en, type MessageKey } from './en.js';
import { ru } from './ru.js';

export type Locale = 'en' | 'ru';
/** Where the reader's choice of language is kept (localStorage). */
export const LOCALE_STORAGE_KEY = 'signing-tracker:language';
export const LOCALES: Readonly<
  Record<Locale, { readonly name: string; readonly catalog: Catalog }>
> = {
  en: { name: 'English', catalog: en },
  ru: { name: 'Русский', catalog: ru },
};

type BaseOf<K> = K extends `${infer Base}.one` ? Base : never;
type PluralBase = BaseOf<MessageKey>;

export interface I18n {
  readonly locale: Locale;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  /** A counted phrase in the language's plural form (`Intl.PluralRules`). */
  plural(base: PluralBase, count: number): string;
}

export function createI18n(locale: Locale): I18n {
  const catalog = LOCALES[locale].catalog;
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const t: I18n['t'] = (key, params = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  return {
    locale,
    t,
    plural(base, count) {
      const form = rules.select(count);
      const key = `${base}.${form}` as MessageKey;
      return t(key in catalog ? key : (`${base}.other` as MessageKey), { count });
    },
  };
}

/** The browser's preference, else English. */
export function preferredLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === 'en' || stored === 'ru') return stored;
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'ru' || primary === 'en') return primary;
  }
  return 'en';
}
