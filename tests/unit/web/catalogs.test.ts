import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generatePortalTypes, PORTAL_TYPES_FILE } from '../../../scripts/portal-types.js';
import { en, type MessageKey } from '../../../web/src/i18n/en.js';
import { ru } from '../../../web/src/i18n/ru.js';
import { createI18n, preferredLocale } from '../../../web/src/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(entry) ? [path] : [];
  });
}

describe('message catalogs', () => {
  test('Russian has every English key, with the same placeholders, none empty', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(ru[key].trim(), key).not.toBe('');
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });

  test('every key is used by the portal (no dead strings)', () => {
    const code = sources(new URL('../../../web/src', import.meta.url).pathname)
      .filter((file) => !file.includes('/i18n/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Keys built from data: `signatory.status.${status}` names a family of keys.
    const families = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((match) => match[1]!);
    const used = (key: string) =>
      code.includes(`'${key}'`) ||
      // Plural forms are asked for by their base: plural('progress.remaining', n).
      code.includes(`'${key.replace(/\.(one|few|many|other)$/, '')}'`) ||
      families.some((family) => key.startsWith(family));
    const unused = (Object.keys(en) as MessageKey[]).filter((key) => !used(key));
    expect(families).toContain('signatory.status.');
    expect(unused).toEqual([]);
  });

  test('Russian plural forms', () => {
    const { plural } = createI18n('ru');
    expect([1, 2, 5, 21, 22, 25].map((count) => plural('progress.remaining', count))).toEqual([
      'Требуется ещё 1 подпись',
      'Требуется ещё 2 подписи',
      'Требуется ещё 5 подписей',
      'Требуется ещё 21 подпись',
      'Требуется ещё 22 подписи',
      'Требуется ещё 25 подписей',
    ]);
    expect(createI18n('en').plural('audit.results', 1)).toBe('1 event shown');
    expect(createI18n('en').t('progress.signedOf', { signed: 2, total: 5, threshold: 3 })).toBe(
      '2 of 5 signed; 3 needed',
    );
  });

  test('the language: a stored choice, else the browser preference, else English', () => {
    expect(preferredLocale('ru', ['en-US'])).toBe('ru');
    expect(preferredLocale(null, ['kk-KZ', 'ru-RU', 'en'])).toBe('ru');
    expect(preferredLocale(null, ['tr-TR'])).toBe('en');
    expect(preferredLocale('xx', ['en-GB'])).toBe('en');
  });
});

describe('the portal API types', () => {
  test('are those openapi-typescript generates from the current OpenAPI document', async () => {
    const current = readFileSync(PORTAL_TYPES_FILE, 'utf8');
    expect(current === (await generatePortalTypes()), 'run npm run portal:types').toBe(true);
  });
});
